"""How a remote declares what it exposes and which shared packages it needs (Module Federation's config)."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import Field, dataclass, is_dataclass
from importlib import import_module
from typing import Any, ClassVar, Protocol, get_type_hints

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from packaging.specifiers import SpecifierSet
from packaging.version import Version


@dataclass(frozen=True, kw_only=True)
class Shared:
    """A shared package a remote needs, like an entry of Module Federation's `shared` option (always a singleton)."""

    required_version: str
    """A PEP 440 specifier set, e.g. ``">=1.0,<2"``. Always strict (Module Federation's strictVersion): a mismatch
    stops the project from starting."""


def installed_version(package: str) -> Version | None:
    """The `__version__` of an importable shared package, or None if it is not importable."""
    try:
        return Version(import_module(package).__version__)
    except (ImportError, AttributeError):
        return None


def meets_pin(package: str, required_version: str) -> bool:
    """The singleton pin, in one place: the installed `package` is in `required_version` (a PEP 440 specifier set;
    InvalidSpecifier if it is not one). The system check asks it of in-process remotes, the host of a remote's
    manifest."""
    installed = installed_version(package)
    return installed is not None and installed in SpecifierSet(required_version)


def default_url_prefix(label: str) -> str:
    """Where a remote's own routes sit unless its settings say otherwise: the same in the host and on the remote's
    own server, so the URLs the remote renders there work through the host's proxy."""
    return f"remotes/{label}/"


class PropsDataclass(Protocol):
    """What a component's props type is: a dataclass (the attribute every dataclass has, and only they)."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]


class RemoteConfig(AppConfig):
    """An AppConfig that is also a remote entry: the host reads these attributes, never the app's modules."""

    exposes: ClassVar[Mapping[str, str]] = {}
    """Component name → dotted path of a component function ``(request, props) -> str``."""
    shared: ClassVar[Mapping[str, Shared]] = {}
    """Shared package name → the version this remote requires."""
    stylesheets: ClassVar[Sequence[str] | Mapping[str, Sequence[str]]] = ()
    """Static paths of the CSS its components need: one list for all of them, or a list per component name.
    Whoever renders a component links its CSS, so a page links only what the components it shows use."""
    fallback_template: ClassVar[str | None] = None
    """What its slot shows when one of its components fails (the host's generic fallback if None)."""


def stylesheets_of(config: RemoteConfig, component: str) -> list[str]:
    """The static paths of the CSS one of `config`'s components needs."""
    declared = config.stylesheets
    return list(declared.get(component, ()) if isinstance(declared, Mapping) else declared)


def remote_config(app_module: str) -> RemoteConfig | None:
    """The installed RemoteConfig whose app module is `app_module` (e.g. "apps.cart"), if any."""
    config = next((c for c in apps.get_app_configs() if c.name == app_module), None)
    return config if isinstance(config, RemoteConfig) else None


def load_exposed(qualified_name: str, dotted_path: str) -> tuple[Callable[..., Any], type[PropsDataclass]]:
    """Import an exposed component and its props dataclass (the annotation of its `props` parameter)."""
    render = import_string(dotted_path)
    props_type = get_type_hints(render).get("props")
    if not (isinstance(props_type, type) and is_dataclass(props_type)):
        raise ImproperlyConfigured(f"{qualified_name}: its `props` parameter must be annotated with a dataclass.")
    return render, props_type
