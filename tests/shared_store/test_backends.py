"""The backend contract (shared_store/backends/base.py), run against every backend that ships."""

import json
import threading
from datetime import timedelta

import pytest
import redis
from django.db import connection
from django.utils import timezone

from shared_store.backends.base import StoreBackend
from shared_store.backends.db import DatabaseBackend
from shared_store.backends.locmem import MemoryBackend
from shared_store.backends.redis import STATE_SECONDS, RedisBackend
from shared_store.models import StoreRecord
from shared_store.store import SESSION_KEY as STORE_SESSION_KEY
from tests.helpers import run_concurrently

pytestmark = pytest.mark.postgres


@pytest.fixture(params=[DatabaseBackend, MemoryBackend, pytest.param(RedisBackend, marks=pytest.mark.redis)])
def backend(request: pytest.FixtureRequest, transactional_db: None, settings) -> StoreBackend:
    if request.param is RedisBackend:
        settings.SHARED_STORE = {**settings.SHARED_STORE, "REDIS_URL": request.getfixturevalue("redis_url")}
    instance = request.param()
    instance.delete("visitor")
    MemoryBackend().clear()  # other tests' stores in this process would count in clear_expired()
    return instance


def bump(saved: dict | None) -> dict:
    return {"n": (saved or {"n": 0})["n"] + 1}


def test_load_of_an_unknown_store_is_none(backend: StoreBackend) -> None:
    assert backend.load("visitor") is None


def test_update_saves_and_returns_the_new_state(backend: StoreBackend) -> None:
    assert backend.update("visitor", bump) == {"n": 1}
    assert backend.update("visitor", bump) == {"n": 2}
    assert backend.load("visitor") == {"n": 2}


def test_update_that_raises_saves_nothing(backend: StoreBackend) -> None:
    backend.update("visitor", bump)

    def refuse(saved: dict | None) -> dict:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        backend.update("visitor", refuse)
    assert backend.load("visitor") == {"n": 1}


def test_delete_forgets(backend: StoreBackend) -> None:
    backend.update("visitor", bump)
    backend.delete("visitor")
    backend.delete("visitor")  # no error the second time
    assert backend.load("visitor") is None


def test_concurrent_updates_lose_nothing(backend: StoreBackend) -> None:
    results = run_concurrently(20, lambda: backend.update("visitor", bump))
    assert not [result for result in results if isinstance(result, BaseException)]
    assert backend.load("visitor") == {"n": 20}


def clock_ahead(monkeypatch: pytest.MonkeyPatch, hours: int) -> None:
    """From now on, `timezone.now()` says it is `hours` later."""
    later = timezone.now() + timedelta(hours=hours)
    monkeypatch.setattr(timezone, "now", lambda: later)


@pytest.mark.parametrize("backend", [DatabaseBackend, MemoryBackend], indirect=True)  # Redis: below
def test_clear_expired_deletes_the_stores_nobody_changed_for_that_long(
    backend: StoreBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend.update("visitor", bump)
    backend.update("account:1", bump)
    backend.update("changed-again", bump)
    clock_ahead(monkeypatch, hours=2)
    backend.update("changed-again", bump)
    assert backend.clear_expired(timedelta(hours=3), keep_prefix="account:") == 0  # not that long yet
    assert backend.clear_expired(timedelta(hours=1), keep_prefix="account:") == 1
    assert backend.load("visitor") is None
    assert backend.load("account:1") == {"n": 1}  # kept, however old
    assert backend.load("changed-again") == {"n": 2}  # its age counts from its last change
    assert backend.clear_expired(timedelta(hours=1)) == 1  # without a prefix to keep
    assert backend.load("account:1") is None


@pytest.mark.redis
@pytest.mark.parametrize("backend", [RedisBackend], indirect=True)
def test_redis_stores_expire_by_themselves(backend: RedisBackend) -> None:
    backend.update("visitor", bump)
    assert STATE_SECONDS - 5 < backend.redis.ttl("store:visitor") <= STATE_SECONDS
    assert backend.clear_expired(timedelta(0)) == 0  # nothing for clear_shared_store to do
    assert backend.load("visitor") == {"n": 1}


def test_database_backend_counts_versions(transactional_db: None) -> None:
    backend = DatabaseBackend()
    backend.update("v2", bump)
    backend.update("v2", bump)
    assert StoreRecord.objects.get(store_id="v2").version == 2


def test_locked_holds_off_other_updates_until_it_exits(backend: StoreBackend) -> None:
    order: list[str] = []
    holding = threading.Event()

    def other() -> None:
        try:
            holding.wait()
            backend.update("visitor", bump)
            order.append("other updated")
        finally:
            connection.close()

    thread = threading.Thread(target=other)
    thread.start()
    try:
        with backend.locked("visitor"):
            holding.set()
            backend.update("visitor", bump)  # the holder's own update goes ahead
            thread.join(timeout=0.5)
            order.append("holder done")
    finally:
        thread.join()
        connection.close()
    assert order == ["holder done", "other updated"]
    assert backend.load("visitor") == {"n": 2}


def test_the_shop_keeps_its_stores_in_redis_with_the_redis_backend(
    client, catalog: int, settings, redis_url: str
) -> None:
    from api.models import Product
    from tests.helpers import badge_label, htmx_headers

    settings.SHARED_STORE = {"BACKEND": "shared_store.backends.redis.RedisBackend", "REDIS_URL": redis_url}
    product = Product.objects.order_by("pk").first()
    response = client.post(
        f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 2}, headers=htmx_headers("/", "cart/CartBadge")
    )
    assert badge_label(response.content.decode()) == "Bag, 2 items"
    store_id = client.session[STORE_SESSION_KEY]
    saved = redis.Redis.from_url(redis_url).get(f"store:{store_id}")
    (line,) = json.loads(saved)["cart"]["lines"]
    assert (line["product_id"], line["quantity"]) == (product.pk, 2)
    assert not StoreRecord.objects.exists()  # nothing went to the database
