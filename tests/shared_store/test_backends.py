"""The backend contract (shared_store/backends/base.py), run against every backend that ships."""

import json
import threading

import pytest
import redis
from django.db import connection

from shared_store.backends.base import StoreBackend
from shared_store.backends.db import DatabaseBackend
from shared_store.backends.locmem import MemoryBackend
from shared_store.backends.redis import RedisBackend
from shared_store.models import StoreRecord
from tests.helpers import run_concurrently


@pytest.fixture(params=[DatabaseBackend, MemoryBackend, RedisBackend])
def backend(request: pytest.FixtureRequest, transactional_db: None, settings) -> StoreBackend:
    if request.param is RedisBackend:
        settings.SHARED_STORE = {**settings.SHARED_STORE, "REDIS_URL": request.getfixturevalue("redis_url")}
    instance = request.param()
    instance.delete("visitor")
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


def test_the_shop_keeps_its_stores_in_redis_with_the_redis_backend(client, catalog: int, settings,
                                                                   redis_url: str) -> None:  # fmt: skip
    from api.models import Product
    from shared_store.store import _backend
    from tests.helpers import badge_label, htmx_headers

    settings.SHARED_STORE = {"BACKEND": "shared_store.backends.redis.RedisBackend", "REDIS_URL": redis_url}
    _backend.cache_clear()  # one backend instance per process: made again from these settings
    try:
        product = Product.objects.order_by("pk").first()
        response = client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 2},
                               headers=htmx_headers("/", "cart/CartBadge"))  # fmt: skip
        assert badge_label(response.content.decode()) == "Bag, 2 items"
        store_id = client.session["shared_store.id"]
        saved = redis.Redis.from_url(redis_url).get(f"store:{store_id}")
        (line,) = json.loads(saved)["cart"]["lines"]
        assert (line["product_id"], line["quantity"]) == (product.pk, 2)
        assert not StoreRecord.objects.exists()  # nothing went to the database
    finally:
        _backend.cache_clear()
