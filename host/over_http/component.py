"""A component of a remote over HTTP, mounted by `host.mount.mount()` like an in-process one."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.safestring import mark_safe

from federation.components import MissingProps, check_props
from federation.over_http.wire import NOT_FOUND_HEADER
from host.over_http.errors import RemoteUnavailable
from host.over_http.exchange import exchange
from host.over_http.manifest import manifest, rendered, skew_error
from host.registry import Remote
from host.state import host_state


@dataclass(frozen=True)
class HttpComponent:
    """A component of a remote over HTTP: rendered by its server, with the host's props sent along."""

    remote: Remote
    name: str

    @property
    def qualified_name(self) -> str:
        return f"{self.remote.name}/{self.name}"

    @property
    def subscribes(self) -> frozenset[str]:
        try:
            return manifest(self.remote).components.get(self.name, frozenset())
        except RemoteUnavailable:
            return frozenset()

    @property
    def exposed(self) -> bool:
        """Whether the remote's version this host holds exposes it (True while its manifest cannot be had: the
        render then shows why, inside the error boundary)."""
        try:
            return self.name in manifest(self.remote).components
        except RemoteUnavailable:
            return True

    def props_from(self, offered: Mapping[str, Any]) -> Mapping[str, Any]:
        # The remote builds its own props dataclass from them; all the host offers goes along. What it cannot
        # render without is checked here, as for an in-process component (when its manifest can be had): a
        # version of the remote that needs a prop this host does not give is skew, shown as its fallback.
        try:
            needed = manifest(self.remote).needs.get(self.name, frozenset())
        except RemoteUnavailable:
            needed = frozenset()  # render() fails the same way, inside the error boundary
        try:
            check_props(needed, offered, component=self.qualified_name)
        except MissingProps as exc:
            raise skew_error(self.remote, self.name, str(exc).rstrip(".")) from exc
        return offered

    def render(self, request: HttpRequest, props: Mapping[str, Any]) -> str | HttpResponse:
        if self.name not in manifest(self.remote).components:
            raise skew_error(self.remote, self.name, f"it no longer exposes {self.name}, which this host mounts")
        fetched = host_state(request).fragments.pop(self.qualified_name, None)
        if isinstance(fetched, Exception):
            raise fetched  # the page's one exchange with this remote failed: every fragment of it falls back
        if isinstance(fetched, HttpResponse):
            return fetched  # a callback answered during the page's exchange (navigation)
        if isinstance(fetched, httpx.Response):
            response = fetched
        else:
            path = f"/_federation/render/{self.name}/"
            response, answer = exchange(request, self.remote, "GET", path, props=props)
            if answer is not None:
                return answer
        if response.status_code == 404 and NOT_FOUND_HEADER in response.headers:
            raise Http404(response.text)
        if response.status_code != 200:
            raise RemoteUnavailable(f"{self.qualified_name} answered {response.status_code}.")
        rendered(self.remote.name, self.name)
        # The remote's rendered HTML, trusted as an in-process component's is: its templates escaped it there.
        return mark_safe(response.text)


def prefetch(request: HttpRequest, components: Sequence[object], props: Mapping[str, Any]) -> None:
    """Fetch every fragment a page shows from each remote over HTTP in one exchange, before the page renders them.

    `components` are the page's, its own first, of any kind: only those over HTTP are fetched here. A remote with
    one fragment on the page is asked when it is mounted, as before; one with more is asked once for all
    (federation/over_http/served.py, render_components), within the page's one time budget for it. If that
    exchange fails, each of its fragments shows its fallback; a server that cannot batch (an older one) is asked
    for each fragment alone.
    """
    by_remote: dict[str, list[HttpComponent]] = {}
    for component in components:
        if isinstance(component, HttpComponent):
            by_remote.setdefault(component.remote.name, []).append(component)
    found = host_state(request)
    for batch in by_remote.values():
        if len(batch) < 2:
            continue
        remote = batch[0].remote
        query = urlencode({"components": ",".join(component.name for component in batch)})
        try:
            response, answer = exchange(request, remote, "GET", "/_federation/render/", props=props, query=query)
        except RemoteUnavailable as exc:
            found.fragments.update((component.qualified_name, exc) for component in batch)
            continue
        if response.status_code != 200:
            continue  # no batch endpoint there: each fragment is asked for when it is mounted
        try:
            answers = _fragments(response, [component.name for component in batch])
        except (ValueError, KeyError, TypeError) as exc:
            # Signed, so it is the remote's, but not what it should have said: its fragments fall back.
            failure = RemoteUnavailable(f"{remote.name}: its answer for the page's fragments is not readable ({exc}).")
            found.fragments.update((component.qualified_name, failure) for component in batch)
            continue
        for component in batch:
            found.fragments[f"{remote.name}/{component.name}"] = answers[component.name]
        if answer is not None:
            found.fragments[batch[0].qualified_name] = answer


def _fragments(response: httpx.Response, names: list[str]) -> dict[str, httpx.Response]:
    """Each named fragment of a batch answer, as the answer its server would have given it alone."""
    fragments = response.json()["fragments"]
    answers = {}
    for name in names:
        fragment = fragments[name]
        status, html, not_found = int(fragment["status"]), fragment["html"], fragment["not_found"]
        if not isinstance(html, str):
            raise TypeError(f"{name}'s HTML is not text")
        answers[name] = httpx.Response(status, text=html, headers={NOT_FOUND_HEADER: "1"} if not_found else {})
    return answers
