"""Mounting a component by name: load it from its remote (Module Federation's loader) and render it in its slot."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.utils.safestring import SafeString

from federation.components import MissingProps, build_props, subscriptions_of, wrap
from federation.remote import PropsDataclass, load_exposed, stylesheets_of
from host import components as host_components
from host.boundaries import contain, is_failure
from host.over_http.component import HttpComponent, prefetch
from host.over_http.manifest import forget_manifests, stylesheet_urls
from host.registry import fallback_template, remotes
from host.state import host_state


class Mountable(Protocol):
    """What `mount` needs of a component, in-process or over HTTP."""

    @property
    def qualified_name(self) -> str: ...
    @property
    def subscribes(self) -> frozenset[str]: ...
    def props_from(self, offered: Mapping[str, Any]) -> Any: ...
    def render(self, request: HttpRequest, props: Any) -> str | HttpResponse: ...


@dataclass(frozen=True)
class Component:
    """An exposed component, loaded by name: `render(request, props)` with its declared props type."""

    remote: str
    name: str
    render: Callable[[HttpRequest, Any], str]
    props_type: type[PropsDataclass]

    @property
    def qualified_name(self) -> str:
        return f"{self.remote}/{self.name}"

    @property
    def subscribes(self) -> frozenset[str]:
        """The store slices this component selects."""
        return subscriptions_of(self.render)

    def props_from(self, offered: Mapping[str, Any]) -> Any:
        """Build this component's props from what the host offers, taking only the fields it declares."""
        return build_props(self.props_type, offered, component=self.qualified_name)


@cache
def component(qualified_name: str) -> Mountable:
    """Load `"<remote>/<Component>"` from the remote's `exposes`, the way a federated import resolves."""
    remote_name, _, name = qualified_name.partition("/")
    if remote_name == "host":  # the host's own components (host/components.py), mounted the same way
        return _load(qualified_name, host_components.EXPOSES.get(name), remote_name, name)
    remote = remotes().get(remote_name)
    if remote is None:
        raise ImproperlyConfigured(f"No remote named {remote_name!r} is mounted (asked for {qualified_name!r}).")
    if remote.config is None:
        return HttpComponent(remote=remote, name=name)  # its server says what it exposes, when it answers
    dotted_path = remote.config.exposes.get(name)
    if dotted_path is None:
        raise ImproperlyConfigured(
            f"Remote {remote_name!r} does not expose {name!r}; it exposes {sorted(remote.config.exposes)}."
        )
    return _load(qualified_name, dotted_path, remote_name, name)


def _load(qualified_name: str, dotted_path: str | None, remote_name: str, name: str) -> Component:
    if dotted_path is None:
        raise ImproperlyConfigured(f"There is no component {qualified_name!r}.")
    render, props_type = load_exposed(qualified_name, dotted_path)
    return Component(remote=remote_name, name=name, render=render, props_type=props_type)


def mount(
    request: HttpRequest, qualified_name: str, offered_props: Mapping[str, Any], *, oob: bool = False
) -> SafeString | HttpResponse:
    """Render a remote component with the props it declares, inside its mount point (or pass on its response)."""
    loaded = component(qualified_name)
    remote_name = qualified_name.partition("/")[0]
    found = host_state(request)
    outer, found.rendering = found.rendering, remote_name  # who is at work, for the pattern inspector's "from …"
    try:
        # A missing prop is the host's bug, and is not contained (MissingProps), unless a remote's server deployed
        # a version that needs one the host does not give: that is the remote's skew (RemoteSkewed), contained.
        props = loaded.props_from(offered_props)
        html = loaded.render(request, props)
    except MissingProps:
        raise
    except Exception as exc:
        if not is_failure(exc):
            raise  # "not found" (or "forbidden") is an answer, not a failure
        # The error boundary: the remote's slot shows its fallback, the page goes on.
        html = contain(request, qualified_name, exc, fallback_template=fallback_template(remote_name))
        return wrap(qualified_name, html, subscribes=loaded.subscribes, oob=oob, failed=True)
    finally:
        found.rendering = outer
    if isinstance(html, HttpResponse):
        return html  # the component navigated away (a callback prop answered for it)
    found.mounted.append(qualified_name)
    return wrap(qualified_name, html, subscribes=loaded.subscribes, oob=oob)


def prefetch_page(request: HttpRequest, qualified_names: Iterable[str], offered_props: Mapping[str, Any]) -> None:
    """Before a page renders its components (its own first, then its layout's): ask each remote over HTTP for all
    of its fragments at once, one round trip per remote rather than one per component."""
    prefetch(request, [component(name) for name in qualified_names], offered_props)


def mount_html(
    request: HttpRequest, qualified_name: str, offered_props: Mapping[str, Any], *, oob: bool = False
) -> SafeString:
    """`mount()` where only HTML can go (a template tag, an out-of-band swap): only a page's own views pass on
    a component's navigation."""
    html = mount(request, qualified_name, offered_props, oob=oob)
    if isinstance(html, HttpResponse):
        raise TypeError(f"{qualified_name} navigated away where only its HTML can go.")
    return html


def stylesheets(mounted: Iterable[str]) -> list[str]:
    """The URLs of the CSS the `mounted` components ask for, in that order, each once."""
    urls: list[str] = []
    for qualified_name in mounted:
        remote_name, _, name = qualified_name.partition("/")
        remote = remotes().get(remote_name)
        if remote is None:
            continue  # the host's own components: host.css styles them
        if remote.config is None:
            urls += stylesheet_urls(remote, name)
        else:
            urls += [static(sheet) for sheet in stylesheets_of(remote.config, name)]
    return list(dict.fromkeys(urls))


@receiver(setting_changed)
def _forget_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    if setting in {"FEDERATION", "INSTALLED_APPS"}:
        component.cache_clear()
        forget_manifests()
