"""Mounting remotes by name: the host's side of federation (Module Federation's `remotes` and loader)."""

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields, is_dataclass
from functools import cache
from typing import Any, get_type_hints

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, include, path
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from federation.remote import RemoteConfig, remote_config


@dataclass(frozen=True)
class Remote:
    """A remote the host mounts: its name, its app config and where its own routes are included."""

    name: str
    config: RemoteConfig
    url_prefix: str


@dataclass(frozen=True)
class Component:
    """An exposed component, loaded by name: `render(request, props)` with its declared props type."""

    remote: str
    name: str
    render: Callable[[HttpRequest, Any], str]
    props_type: type

    @property
    def qualified_name(self) -> str:
        return f"{self.remote}/{self.name}"

    def props_from(self, offered: Mapping[str, Any]) -> Any:
        """Build this component's props from what the host offers, taking only the fields it declares."""
        declared = fields(self.props_type)
        missing = [f.name for f in declared if f.name not in offered and f.default is MISSING
                   and f.default_factory is MISSING]  # fmt: skip
        if missing:
            raise ImproperlyConfigured(f"{self.qualified_name} needs props the host does not supply: {missing}.")
        return self.props_type(**{f.name: offered[f.name] for f in declared if f.name in offered})


@cache
def remotes() -> dict[str, Remote]:
    """The remotes listed in settings.FEDERATION["REMOTES"], resolved to their installed app configs."""
    mounted: dict[str, Remote] = {}
    for name, spec in getattr(settings, "FEDERATION", {}).get("REMOTES", {}).items():
        config = remote_config(spec["APP"])
        if config is None:
            raise ImproperlyConfigured(
                f"Remote {name!r}: {spec['APP']!r} must be in INSTALLED_APPS with a RemoteConfig app config."
            )
        mounted[name] = Remote(name=name, config=config, url_prefix=spec.get("URL_PREFIX", f"remotes/{name}/"))
    return mounted


@cache
def component(qualified_name: str) -> Component:
    """Load `"<remote>/<Component>"` from the remote's `exposes`, the way a federated import resolves."""
    remote_name, _, name = qualified_name.partition("/")
    remote = remotes().get(remote_name)
    if remote is None:
        raise ImproperlyConfigured(f"No remote named {remote_name!r} is mounted (asked for {qualified_name!r}).")
    dotted_path = remote.config.exposes.get(name)
    if dotted_path is None:
        raise ImproperlyConfigured(
            f"Remote {remote_name!r} does not expose {name!r}; it exposes {sorted(remote.config.exposes)}."
        )
    render = import_string(dotted_path)
    props_type = get_type_hints(render).get("props")
    if not (isinstance(props_type, type) and is_dataclass(props_type)):
        raise ImproperlyConfigured(f"{qualified_name}: its `props` parameter must be annotated with a dataclass.")
    return Component(remote=remote_name, name=name, render=render, props_type=props_type)


def mount(request: HttpRequest, qualified_name: str, offered_props: Mapping[str, Any]) -> SafeString:
    """Render a remote component with the props it declares, wrapped in a marker naming its remote."""
    loaded = component(qualified_name)
    html = loaded.render(request, loaded.props_from(offered_props))
    return format_html(
        '<div class="remote remote-{}" data-remote="{}" data-component="{}">{}</div>',
        loaded.remote, loaded.remote, loaded.name, html,
    )  # fmt: skip


def remote_urlpatterns() -> list[URLPattern | URLResolver]:
    """Each remote's own URLconf, included under its prefix and namespaced by its app_name."""
    return [path(remote.url_prefix, include(f"{remote.config.name}.urls")) for remote in remotes().values()]


def stylesheets() -> list[str]:
    """The CSS every mounted remote asks for, in mount order."""
    return [sheet for remote in remotes().values() for sheet in remote.config.stylesheets]


@receiver(setting_changed)
def _forget_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    if setting in {"FEDERATION", "INSTALLED_APPS"}:
        remotes.cache_clear()
        component.cache_clear()
