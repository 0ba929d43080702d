"""A remote's manifest (Module Federation's remoteEntry): what it exposes, held per process and fetched again
when the remote's answers name a new version; and what this host finds it cannot use of a version (skew).

Every answer of a remote's server names the version of its manifest (`X-Federation-Version`). When an exchange
brings a version this process does not hold, the next use of the manifest fetches it again: one fetch per new
version, not a poll, so a remote redeployed behind the host is seen without restarting the host (as Podium's
layouts follow their podlets). A version the host cannot use shows its slots' fallback, is logged once with its
reason, and is listed by `remote_status()`; the host recovers by itself once a fixed version is deployed.
"""

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from packaging.specifiers import InvalidSpecifier

from federation.remote import installed_version, meets_pin
from host.over_http.errors import RemoteIncompatible, RemoteSkewed, RemoteUnavailable
from host.over_http.exchange import breaker, forget_connections, remote_exchanged, send
from host.registry import Remote, remotes

logger = logging.getLogger("host.over_http.versions")

RECHECK_SECONDS = 10.0
"""A remote whose version this host cannot use (not at all, or not some component) is not asked for what it cannot
give, so no answer of its may name a fixed version: its manifest is fetched again after this long."""


@dataclass(frozen=True)
class Manifest:
    """What a remote serves: its components (with their store subscriptions) and its stylesheets."""

    components: Mapping[str, frozenset[str]]
    """Each exposed component's name → the store slices it subscribes to."""
    stylesheets: Mapping[str, tuple[str, ...]]
    """Each exposed component's name → the URLs of its CSS."""
    needs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Each exposed component's name → the props it cannot render without."""
    version: str = ""
    """The digest that names this manifest (empty from a remote older than versions)."""


@dataclass
class _Known:
    """What this process knows of one remote's versions."""

    manifest: Manifest | None = None
    announced: str = ""
    """The newest version the remote's answers named."""
    fetched_for: str = ""
    """The announced version the last fetch answered: a version is fetched for once."""
    incompatible: RemoteIncompatible | None = None
    skewed_at: float = 0.0
    """When the held version (or the refused one) was found not to fit."""
    skews: dict[str, str] = field(default_factory=dict)
    """What cannot be used of the held version: component (or "*" for the whole remote) → why."""
    logged: set[tuple[str, str]] = field(default_factory=set)
    """(version, reason) pairs already logged: one line for each, not one per page."""


_known: dict[str, _Known] = {}
_lock = threading.RLock()
clock: Callable[[], float] = time.monotonic  # tests move it instead of waiting


def _of(remote_name: str) -> _Known:
    with _lock:
        return _known.setdefault(remote_name, _Known())


def manifest(remote: Remote) -> Manifest:
    """The remote's manifest: the one held, unless its answers named a newer version, or the held one does not fit
    and is due to be checked again; then it is fetched first. RemoteUnavailable while none can be had;
    RemoteIncompatible while its version pins what this host lacks."""
    known = _of(remote.name)
    held = known.manifest
    if known.incompatible is None and held is not None and not _stale(known, held):
        return held
    with _lock:
        if known.incompatible is not None and not _recheck_due(known):
            raise known.incompatible  # the version deployed cannot be mounted here: not asked again yet
        held = known.manifest
        if known.incompatible is None and held is not None and not _stale(known, held):
            return held  # another thread fetched it meanwhile
        try:
            fetched = _fetch(remote)
        except RemoteIncompatible as exc:
            known.incompatible, known.skewed_at = exc, clock()
            known.fetched_for = known.announced
            skewed(remote.name, exc.version, "*", exc.reason)
            raise
        except RemoteUnavailable:
            if held is not None:
                return held  # no new manifest now: keep using the one held, the next page asks again
            raise
        if held is not None and held.version != fetched.version:
            logger.warning("Remote %r: version %s replaces %s.", remote.name, fetched.version, held.version or "?")
        known.manifest, known.incompatible, known.skews = fetched, None, {}
        known.fetched_for = known.announced
        return fetched


def _stale(known: _Known, held: Manifest) -> bool:
    """Whether to fetch the manifest again: an answer named a version other than the one held (not fetched for
    yet), or the one held does not fit this host and is due to be checked again."""
    announced = bool(known.announced) and known.announced != held.version and known.announced != known.fetched_for
    return announced or (bool(known.skews) and _recheck_due(known))


def _recheck_due(known: _Known) -> bool:
    new_version = bool(known.announced) and known.announced != known.fetched_for
    return new_version or clock() - known.skewed_at >= RECHECK_SECONDS


def _fetch(remote: Remote) -> Manifest:
    response = send(None, remote, "GET", "/_federation/manifest.json", props={})
    try:
        if response.status_code != 200:
            raise ValueError(f"status {response.status_code}")
        data = response.json()
        version = str(data.get("version", ""))
        _check_shared(remote.name, version, data.get("shared", {}))
        return Manifest(
            components={name: frozenset(spec["subscribes"]) for name, spec in data["components"].items()},
            # A remote that lists its CSS for the whole remote only: every component needs all of it.
            stylesheets={
                name: tuple(spec.get("stylesheets", data["stylesheets"])) for name, spec in data["components"].items()
            },
            needs={name: frozenset(spec.get("needs", ())) for name, spec in data["components"].items()},
            version=version,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RemoteUnavailable(f"{remote.name}: no readable manifest ({exc}).") from exc


def _check_shared(remote: str, version: str, required: Mapping[str, str]) -> None:
    """Refuse a remote whose pinned shared versions this host does not have: the singleton pin, checked when
    the manifest arrives, as shared_store's system check does for in-process remotes."""
    for package, specifier in required.items():
        try:
            met = meets_pin(package, specifier)
        except InvalidSpecifier:
            met = False
        if not met:
            provided = installed_version(package)
            reason = f"it needs {package}{specifier}; this host has {provided or 'none'}"
            raise RemoteIncompatible(f"{remote} version {version or '?'}: {reason}.", version=version, reason=reason)


def skewed(remote_name: str, version: str, component: str, reason: str) -> None:
    """Record that `component` (or "*", the whole remote) of this version of the remote cannot be used here, and
    log it once per version and reason."""
    known = _of(remote_name)
    with _lock:
        if not known.skews:
            known.skewed_at = clock()
        known.skews[component] = reason
        first = (version, reason) not in known.logged
        known.logged.add((version, reason))
    if first:
        logger.error("Remote %r version %s cannot be used by this host: %s.", remote_name, version or "?", reason)


def skew_error(remote: Remote, component: str, reason: str) -> RemoteSkewed:
    """The error that makes a component's slot fall back: this version of the remote and this host disagree."""
    try:
        version = manifest(remote).version
    except RemoteUnavailable:
        version = ""
    skewed(remote.name, version, component, reason)
    return RemoteSkewed(f"{remote.name} version {version or '?'}: {reason}.", version=version, reason=reason)


def rendered(remote_name: str, component: str) -> None:
    """The component rendered: whatever kept it from it before is gone."""
    known = _known.get(remote_name)
    if known is not None and component in known.skews:
        with _lock:
            known.skews.pop(component, None)


def remote_status() -> dict[str, dict[str, Any]]:
    """What this process knows of each remote over HTTP, for an operator: the version it uses, the newest one
    its answers named, what cannot be used of it and why, and its circuit breaker."""
    status: dict[str, dict[str, Any]] = {}
    for name, remote in remotes().items():
        if remote.url is None:
            status[name] = {"served": "in process"}
            continue
        known = _of(name)
        held = known.manifest
        status[name] = {
            "served": remote.url,
            "version": held.version if held is not None and known.incompatible is None else None,
            "announced": known.announced or None,
            "state": "incompatible" if known.incompatible else ("skewed" if known.skews else "ok"),
            "problems": dict(known.skews),
            "breaker": str(breaker(remote).state),
        }
    return status


def _noticed(*, sender: Remote, version: str | None = None, **kwargs: object) -> None:
    """An exchange with a remote's server named its version: the next use of its manifest fetches it if new."""
    if version:
        known = _of(sender.name)
        if known.announced != version:
            with _lock:
                known.announced = version


remote_exchanged.connect(_noticed, dispatch_uid="host.over_http.manifest")


def forget_manifests() -> None:
    """Forget every fetched manifest, client and breaker (settings changed)."""
    with _lock:
        _known.clear()
    forget_connections()


def stylesheet_urls(remote: Remote, component: str) -> list[str]:
    """The stylesheets of one component of a remote over HTTP (none while it is unavailable)."""
    try:
        return list(manifest(remote).stylesheets.get(component, ()))
    except RemoteUnavailable:
        return []
