"""The remotes the host mounts, by name, from settings.FEDERATION["REMOTES"] (Module Federation's `remotes`)."""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest

from federation.remote import RemoteConfig, remote_config


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
    keep_alive: bool = False
    """Whether connections to its server are reused (only for a server that keeps them alive and sends at once)."""
    breaker_failures: int = 3
    """Failures in a row that open its circuit breaker (host/over_http/breaker.py)."""
    breaker_cooling: float = 10.0
    """Seconds an open breaker answers with the fallback before it lets one request probe the server."""
    max_bytes: int = 2 * 1024 * 1024
    """The largest answer taken from its server; a larger one is refused as it arrives, before it is all read."""


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
                keep_alive=bool(spec.get("KEEP_ALIVE", False)),
                breaker_failures=int(breaker.get("FAILURES", 3)),
                breaker_cooling=float(breaker.get("COOLING_SECONDS", 10.0)),
                max_bytes=int(spec.get("MAX_BYTES", Remote.max_bytes)),
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
