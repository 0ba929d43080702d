"""The remotes the host mounts, by name, from settings.FEDERATION["REMOTES"] (Module Federation's `remotes`)."""

from dataclasses import dataclass
from functools import cache
from typing import Any, TypedDict

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest

from config.feature_settings import FeatureSettings
from federation.remote import RemoteConfig, default_url_prefix, remote_config


class BreakerSettings(TypedDict):
    """A remote's circuit breaker (host/over_http/breaker.py)."""

    FAILURES: int
    COOLING_SECONDS: float


class ServerSettings(TypedDict):
    """How the host talks to a remote on its own server: the keys of a remote's entry that have defaults."""

    TIMEOUT: float
    KEEP_ALIVE: bool
    MAX_BYTES: int
    BREAKER: BreakerSettings


class RemoteSettings(ServerSettings):
    """One entry of FEDERATION["REMOTES"]: its app (in-process), or the URL of its server."""

    APP: str
    URL_PREFIX: str
    URL: str | None


# What a remote on its own server gets unless its entry says otherwise: the one place these defaults are written
# (the host's settings read the REMOTE_* environment variables over them).
REMOTE_DEFAULTS: ServerSettings = {
    # Seconds a page may spend on all the fragments it asks of the remote's server, together.
    "TIMEOUT": 2.0,
    # Reuse connections to its server: for servers that keep them alive and answer at once (gunicorn's gthread
    # workers, uvicorn). Off by default: runserver does not set TCP_NODELAY, and a reused connection stalls 40 ms.
    "KEEP_ALIVE": False,
    # The largest answer taken from its server, in bytes (2 MiB): a larger one is refused while it arrives.
    "MAX_BYTES": 2 * 1024 * 1024,
    # Its circuit breaker: open after FAILURES failures in a row; a probe after COOLING_SECONDS.
    "BREAKER": {"FAILURES": 3, "COOLING_SECONDS": 10.0},
}

# The FEDERATION settings dict over its defaults: `federation_settings.REMOTES`, the remotes by name.
federation_settings = FeatureSettings("FEDERATION", {"REMOTES": {}})


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
    timeout: float = REMOTE_DEFAULTS["TIMEOUT"]
    """Seconds a page may wait for its server, for all its fragments together, before they show their fallback."""
    keep_alive: bool = REMOTE_DEFAULTS["KEEP_ALIVE"]
    """Whether connections to its server are reused (only for a server that keeps them alive and sends at once)."""
    breaker_failures: int = REMOTE_DEFAULTS["BREAKER"]["FAILURES"]
    """Failures in a row that open its circuit breaker (host/over_http/breaker.py)."""
    breaker_cooling: float = REMOTE_DEFAULTS["BREAKER"]["COOLING_SECONDS"]
    """Seconds an open breaker answers with the fallback before it lets one request probe the server."""
    max_bytes: int = REMOTE_DEFAULTS["MAX_BYTES"]
    """The largest answer taken from its server; a larger one is refused as it arrives, before it is all read."""


@cache
def remotes() -> dict[str, Remote]:
    """The remotes listed in settings.FEDERATION["REMOTES"]: by URL, or resolved to their installed app configs."""
    mounted: dict[str, Remote] = {}
    for name, spec in federation_settings.REMOTES.items():
        prefix = spec.get("URL_PREFIX", default_url_prefix(name))
        if spec.get("URL"):
            server = {**REMOTE_DEFAULTS, **spec}
            breaker = {**REMOTE_DEFAULTS["BREAKER"], **spec.get("BREAKER", {})}
            mounted[name] = Remote(
                name=name,
                config=None,
                url_prefix=prefix,
                url=spec["URL"].rstrip("/"),
                timeout=float(server["TIMEOUT"]),
                keep_alive=bool(server["KEEP_ALIVE"]),
                breaker_failures=int(breaker["FAILURES"]),
                breaker_cooling=float(breaker["COOLING_SECONDS"]),
                max_bytes=int(server["MAX_BYTES"]),
            )
            continue
        config = remote_config(spec["APP"])
        if config is None:
            raise ImproperlyConfigured(
                f"Remote {name!r}: {spec['APP']!r} must be in INSTALLED_APPS with a RemoteConfig app config."
            )
        mounted[name] = Remote(name=name, config=config, url_prefix=prefix)
    return mounted


def fallback_template(remote_name: str) -> str | None:
    """The template a remote's slot shows when it fails: its own, or None for the host's generic one."""
    remote = remotes().get(remote_name)
    return remote.config.fallback_template if remote is not None and remote.config is not None else None


def owner(request: HttpRequest) -> str:
    """The remote whose own endpoint this request is (its URL namespace), or "host"."""
    match = request.resolver_match
    return match.namespace if match is not None and match.namespace in remotes() else "host"


@receiver(setting_changed)
def _forget_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    if setting in {"FEDERATION", "INSTALLED_APPS"}:
        remotes.cache_clear()
