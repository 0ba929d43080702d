"""A Redis backend: each store a JSON value, each update under a per-store Redis lock, for any number of servers.

    SHARED_STORE = {"BACKEND": "shared_store.backends.redis.RedisBackend", "REDIS_URL": "redis://…/0"}

The lock is a lease (redis-py's `Lock`, a key with an expiry): a process that dies while holding it cannot
block a visitor's store for longer than `LOCK_SECONDS`. An update or `locked()` block that outlives its lease
would no longer be exclusive, so the lease is far longer than any reducer or token refresh takes.
"""

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

import redis
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder

from shared_store.backends.base import State, StoreBackend
from shared_store.conf import store_settings

LOCK_SECONDS = 30  # the lease: how long a crashed holder can keep others waiting
WAIT_SECONDS = 20  # how long an update waits for the lock before it gives up (as SQLite's busy timeout)
STATE_SECONDS = 14 * 24 * 3600  # a store lives as long as a session would, then Redis forgets it


class StoreBusy(Exception):
    """The visitor's store stayed locked longer than an update may wait."""


class RedisBackend(StoreBackend):
    """Keeps states in Redis under `store:<id>`; updates and `locked()` take the store's lock."""

    def __init__(self) -> None:
        url = store_settings.REDIS_URL or settings.REDIS_URL
        if not url:
            raise ImproperlyConfigured("RedisBackend needs SHARED_STORE['REDIS_URL'] or REDIS_URL.")
        self.redis = redis.Redis.from_url(url)
        # The store ids this thread holds the lock of: its own updates inside locked() must not wait for it.
        self._held = threading.local()

    def load(self, store_id: str) -> State | None:
        raw = self.redis.get(_key(store_id))
        return json.loads(raw) if raw is not None else None

    def update(self, store_id: str, reduce: Callable[[State | None], State]) -> State:
        with self._exclusive(store_id):
            new_state = reduce(self.load(store_id))
            self.redis.set(_key(store_id), json.dumps(new_state, cls=DjangoJSONEncoder), ex=STATE_SECONDS)
            return new_state

    def delete(self, store_id: str) -> None:
        self.redis.delete(_key(store_id))

    @contextmanager
    def locked(self, store_id: str) -> Iterator[None]:
        with self._exclusive(store_id):
            yield

    def clear_expired(self, older_than: timedelta, keep_prefix: str | None = None) -> int:
        return 0  # nothing to do: every store expires by itself, STATE_SECONDS after its last change (a key's TTL)

    @contextmanager
    def _exclusive(self, store_id: str) -> Iterator[None]:
        held: set[str] = self._held.__dict__.setdefault("ids", set())
        if store_id in held:
            yield  # this thread holds it already (an update inside locked())
            return
        lock = self.redis.lock(f"{_key(store_id)}:lock", timeout=LOCK_SECONDS, blocking_timeout=WAIT_SECONDS)
        if not lock.acquire():
            raise StoreBusy(f"The store {store_id!r} stayed locked for {WAIT_SECONDS} s.")
        held.add(store_id)
        try:
            yield
        finally:
            held.discard(store_id)
            lock.release()


def _key(store_id: str) -> str:
    return f"store:{store_id}"
