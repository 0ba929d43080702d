"""A remote's manifest (Module Federation's remoteEntry): what it exposes, fetched once per process and
refused when the remote pins shared versions this host does not have."""

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from packaging.specifiers import InvalidSpecifier

from federation.remote import installed_version, meets_pin
from host.over_http.errors import RemoteIncompatible, RemoteUnavailable
from host.over_http.exchange import forget_connections, send
from host.registry import Remote

RETRY_AFTER_INCOMPATIBLE = 60.0  # seconds before a remote found incompatible is asked for its manifest again


@dataclass(frozen=True)
class Manifest:
    """What a remote serves: its components (with their store subscriptions) and its stylesheets."""

    components: Mapping[str, frozenset[str]]
    """Each exposed component's name → the store slices it subscribes to."""
    stylesheets: Mapping[str, tuple[str, ...]]
    """Each exposed component's name → the URLs of its CSS."""
    needs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Each exposed component's name → the props it cannot render without."""


_manifests: dict[str, Manifest] = {}


_incompatible_at: dict[str, float] = {}
_lock = threading.Lock()


def manifest(remote: Remote) -> Manifest:
    """The remote's manifest, fetched once per process; RemoteUnavailable while it cannot be had (the breaker
    keeps a remote that is down from being asked on every page)."""
    known = _manifests.get(remote.name)
    if known is not None:
        return known
    with _lock:
        if time.monotonic() - _incompatible_at.get(remote.name, float("-inf")) < RETRY_AFTER_INCOMPATIBLE:
            raise RemoteIncompatible(f"{remote.name} pins shared versions this host does not have.")
        response = send(None, remote, "GET", "/_federation/manifest.json", props={})
        try:
            if response.status_code != 200:
                raise ValueError(f"status {response.status_code}")
            data = response.json()
        except ValueError as exc:
            raise RemoteUnavailable(f"{remote.name}: no manifest ({exc}).") from exc
        try:
            _check_shared(remote.name, data.get("shared", {}))
        except RemoteIncompatible:
            _incompatible_at[remote.name] = time.monotonic()
            raise
        loaded = Manifest(
            components={name: frozenset(spec["subscribes"]) for name, spec in data["components"].items()},
            # A remote that lists its CSS for the whole remote only: every component needs all of it.
            stylesheets={
                name: tuple(spec.get("stylesheets", data["stylesheets"])) for name, spec in data["components"].items()
            },
            needs={name: frozenset(spec.get("needs", ())) for name, spec in data["components"].items()},
        )
        _manifests[remote.name] = loaded
        return loaded


def _check_shared(remote: str, required: Mapping[str, str]) -> None:
    """Refuse a remote whose pinned shared versions this host does not have: the singleton pin, checked when
    the manifest arrives, as shared_store's system check does for in-process remotes."""
    for package, specifier in required.items():
        try:
            met = meets_pin(package, specifier)
        except InvalidSpecifier:
            met = False
        if not met:
            provided = installed_version(package)
            raise RemoteIncompatible(f"{remote} needs {package}{specifier}; this host has {provided or 'none'}.")


def forget_manifests() -> None:
    """Forget every fetched manifest, client and breaker (settings changed, or a remote was redeployed)."""
    with _lock:
        _manifests.clear()
        _incompatible_at.clear()
    forget_connections()


def stylesheet_urls(remote: Remote, component: str) -> list[str]:
    """The stylesheets of one component of a remote over HTTP (none while it is unavailable)."""
    try:
        return list(manifest(remote).stylesheets.get(component, ()))
    except RemoteUnavailable:
        return []
