"""The SHARED_STORE settings dict, over its defaults."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Where visitor stores live: a dotted path to a StoreBackend subclass.
    "BACKEND": "shared_store.backends.db.DatabaseBackend",
    # The session key that holds the visitor's store id.
    "SESSION_KEY": "shared_store.id",
}


def store_settings() -> dict[str, Any]:
    return {**DEFAULTS, **getattr(settings, "SHARED_STORE", {})}
