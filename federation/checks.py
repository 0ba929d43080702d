"""System checks of every installed remote, in the host and on a remote's own server alike."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from federation.components import CALLBACK_PREFIXES, LINK_SUFFIX, misnamed_props
from federation.remote import RemoteConfig, load_exposed

# Caches that one process keeps to itself.
PROCESS_LOCAL_CACHES = (LocMemCache, DummyCache)


def cache_is_process_local() -> bool:
    """Whether the default cache is one each process keeps to itself: what one process writes there, no other sees."""
    return isinstance(caches["default"], PROCESS_LOCAL_CACHES)


@checks.register("federation")
def check_prop_names(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every exposed component's callable props follow the naming convention (federation/components.py)."""
    errors: list[checks.CheckMessage] = []
    for config in app_configs or apps.get_app_configs():
        if not isinstance(config, RemoteConfig):
            continue
        for name, dotted_path in config.exposes.items():
            try:
                _, props_type = load_exposed(f"{config.label}/{name}", dotted_path)
            except Exception:
                continue  # one that does not load is reported by the host's check (federation.E002)
            for prop in misnamed_props(props_type):
                errors.append(
                    checks.Error(
                        f"{config.label}/{name}: prop {prop!r} is callable but named neither a link nor a callback.",
                        hint=f"Name a link to a host route '*{LINK_SUFFIX}', a callback "
                        f"{' or '.join(repr(p + '*') for p in CALLBACK_PREFIXES)}.",
                        obj=config,
                        id="federation.E003",
                    )
                )
    return errors


@checks.register("federation")
def check_shared_cache(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """In production, the cache is shared by every process of the shop (Redis): what must hold across processes
    is kept there, first of all the one-time ids of the contexts a host sends its remotes (federation/over_http/
    wire.py), and the throttles' counts."""
    if settings.DEBUG or not cache_is_process_local():
        return []
    return [
        checks.Warning(
            f"The cache is {type(caches['default']).__name__}, which each process keeps for itself.",
            hint="Set REDIS_URL: with several processes (gunicorn's workers), a context a host sent could be used "
            "once in each of them, and each counts its own throttles.",
            id="federation.W001",
        )
    ]
