"""A component of a remote over HTTP, mounted by `host.mount.mount()` like an in-process one."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.safestring import mark_safe

from federation.components import check_props
from federation.over_http.wire import NOT_FOUND_HEADER
from host.over_http.errors import RemoteUnavailable
from host.over_http.exchange import exchange
from host.over_http.manifest import manifest
from host.registry import Remote


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

    def props_from(self, offered: Mapping[str, Any]) -> Mapping[str, Any]:
        # The remote builds its own props dataclass from them; all the host offers goes along. What it cannot
        # render without is checked here, as for an in-process component (when its manifest can be had).
        try:
            needed = manifest(self.remote).needs.get(self.name, frozenset())
        except RemoteUnavailable:
            needed = frozenset()  # render() fails the same way, inside the error boundary
        check_props(needed, offered, component=self.qualified_name)
        return offered

    def render(self, request: HttpRequest, props: Mapping[str, Any]) -> str | HttpResponse:
        if self.name not in manifest(self.remote).components:
            raise ImproperlyConfigured(f"Remote {self.remote.name!r} does not expose {self.name!r}.")
        path = f"/_federation/render/{self.name}/"
        response, answer = exchange(request, self.remote, "GET", path, props=props)
        if answer is not None:
            return answer
        if response.status_code == 404 and NOT_FOUND_HEADER in response.headers:
            raise Http404(response.text)
        if response.status_code != 200:
            raise RemoteUnavailable(f"{self.qualified_name} answered {response.status_code}.")
        # The remote's rendered HTML, trusted as an in-process component's is: its templates escaped it there.
        return mark_safe(response.text)
