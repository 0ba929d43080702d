"""Mounting remotes by name: the host's side of federation (Module Federation's `remotes` and loader)."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.utils.safestring import SafeString

from federation.mounting import build_props, subscriptions_of, wrap
from federation.remote import PropsDataclass, RemoteConfig, load_exposed, remote_config, stylesheets_of
from host import components as host_components
from host import http_remotes
from host.boundaries import contain
from host.http_remotes import HttpComponent


@dataclass(frozen=True)
class Remote:
    """A remote the host mounts: in-process (its app config) or served by its own server (its URL)."""

    name: str
    config: RemoteConfig | None
    """The installed app's RemoteConfig; None for a remote over HTTP, whose code the host does not have."""
    url_prefix: str
    """Where its own routes are included (or proxied)."""
    url: str | None = None
    """The base URL of its server, when it is not in-process."""
    timeout: float = 2.0
    """Seconds a page may wait for its server, for all its fragments together, before they show their fallback."""
    breaker_failures: int = 3
    """Failures in a row that open its circuit breaker (host/breaker.py)."""
    breaker_cooling: float = 10.0
    """Seconds an open breaker answers with the fallback before it lets one request probe the server."""


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
def remotes() -> dict[str, Remote]:
    """The remotes listed in settings.FEDERATION["REMOTES"]: by URL, or resolved to their installed app configs."""
    mounted: dict[str, Remote] = {}
    for name, spec in getattr(settings, "FEDERATION", {}).get("REMOTES", {}).items():
        prefix = spec.get("URL_PREFIX", f"remotes/{name}/")
        if spec.get("URL"):
            breaker = spec.get("BREAKER", {})
            mounted[name] = Remote(
                name=name,
                config=None,
                url_prefix=prefix,
                url=spec["URL"].rstrip("/"),
                timeout=float(spec.get("TIMEOUT", 2.0)),
                breaker_failures=int(breaker.get("FAILURES", 3)),
                breaker_cooling=float(breaker.get("COOLING_SECONDS", 10.0)),
            )
            continue
        config = remote_config(spec["APP"])
        if config is None:
            raise ImproperlyConfigured(
                f"Remote {name!r}: {spec['APP']!r} must be in INSTALLED_APPS with a RemoteConfig app config."
            )
        mounted[name] = Remote(name=name, config=config, url_prefix=prefix)
    return mounted


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
    props = loaded.props_from(offered_props)  # a missing prop is the host's bug: it is not contained
    outer, request.rendering_remote = getattr(request, "rendering_remote", None), remote_name
    try:
        html = loaded.render(request, props)
    except Http404:
        raise  # "not found" is an answer, not a failure
    except Exception as exc:  # the error boundary: the remote's slot shows its fallback, the page goes on
        config = remotes()[remote_name].config if remote_name in remotes() else None
        html = contain(request, qualified_name, exc, fallback_template=getattr(config, "fallback_template", None))
        return wrap(qualified_name, html, subscribes=loaded.subscribes, oob=oob, failed=True)
    finally:
        request.rendering_remote = outer  # who is at work, for the pattern inspector's "from …"
    if isinstance(html, HttpResponse):
        return html  # the component navigated away (a callback prop answered for it)
    mounted_components(request).append(qualified_name)
    return wrap(qualified_name, html, subscribes=loaded.subscribes, oob=oob)


def mount_html(
    request: HttpRequest, qualified_name: str, offered_props: Mapping[str, Any], *, oob: bool = False
) -> SafeString:
    """`mount()` where only HTML can go (a template tag, an out-of-band swap): only a page's own views pass on
    a component's navigation."""
    html = mount(request, qualified_name, offered_props, oob=oob)
    if isinstance(html, HttpResponse):
        raise TypeError(f"{qualified_name} navigated away where only its HTML can go.")
    return html


def remote_urlpatterns() -> list[URLPattern | URLResolver]:
    """Each remote's own URLconf under its prefix, namespaced by its name: included, or proxied to its server."""
    patterns: list[URLPattern | URLResolver] = []
    for remote in remotes().values():
        if remote.config is None:
            proxied = [re_path(r"^(?P<subpath>.*)$", http_remotes.proxy, {"remote": remote}, name="proxy")]
            patterns.append(path(remote.url_prefix, include((proxied, remote.name))))
        else:
            patterns.append(path(remote.url_prefix, include(f"{remote.config.name}.urls")))
    return patterns


def stylesheets(mounted: Iterable[str]) -> list[str]:
    """The URLs of the CSS the `mounted` components ask for, in that order, each once."""
    urls: list[str] = []
    for qualified_name in mounted:
        remote_name, _, name = qualified_name.partition("/")
        remote = remotes().get(remote_name)
        if remote is None:
            continue  # the host's own components: host.css styles them
        if remote.config is None:
            urls += http_remotes.stylesheet_urls(remote, name)
        else:
            urls += [static(sheet) for sheet in stylesheets_of(remote.config, name)]
    return list(dict.fromkeys(urls))


def mounted_components(request: HttpRequest) -> list[str]:
    """The components this request has rendered so far, in order (for the page's stylesheets)."""
    return request.__dict__.setdefault("_mounted_components", [])


@receiver(setting_changed)
def _forget_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    if setting in {"FEDERATION", "INSTALLED_APPS"}:
        remotes.cache_clear()
        component.cache_clear()
        http_remotes.forget_manifests()
