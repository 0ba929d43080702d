"""The backend contract (shared_store/backends/base.py), run against every backend that ships."""

import threading

import pytest
from django.db import connection

from shared_store.backends.base import StoreBackend
from shared_store.backends.db import DatabaseBackend
from shared_store.backends.locmem import MemoryBackend
from shared_store.models import StoreRecord
from tests.helpers import run_concurrently


@pytest.fixture(params=[DatabaseBackend, MemoryBackend])
def backend(request: pytest.FixtureRequest, transactional_db: None) -> StoreBackend:
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
