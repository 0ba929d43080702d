"""The SHARED_STORE settings dict, over its defaults: `store_settings.BACKEND`."""

from typing import Any

from config.feature_settings import FeatureSettings

DEFAULTS: dict[str, Any] = {
    # Where visitor stores live: a dotted path to a StoreBackend subclass.
    "BACKEND": "shared_store.backends.db.DatabaseBackend",
    # The Redis of shared_store.backends.redis.RedisBackend; empty: the site's own, settings.REDIS_URL.
    "REDIS_URL": "",
}

store_settings = FeatureSettings("SHARED_STORE", DEFAULTS)
