"""Tests of the custom event catalog (federation/events.py)."""

import re
from collections.abc import Iterator

import pytest
from django.test import RequestFactory

from federation.events import CATALOG, InvalidEvent, emit, emitted, event_emitted, validate


def test_every_event_is_namespaced_by_its_domain() -> None:
    # "<domain>:<what-happened>": the domain that owns it (a remote, the host, checkout…), then kebab-case.
    assert [name for name in CATALOG if not re.fullmatch(r"[a-z][a-z0-9_]*:[a-z0-9]+(-[a-z0-9]+)*", name)] == []
    assert {name.partition(":")[0] for name in CATALOG} >= {"host", "products", "cart", "checkout", "user"}


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("cart:exploded", {}, "Unknown event"),
        ("cart:item-added", {"product_id": 1}, "exactly"),
        ("cart:item-added", {"product_id": 1, "quantity": 2, "extra": 3}, "exactly"),
        ("cart:item-added", {"product_id": "1", "quantity": 2}, "product_id must be a int"),
        ("cart:item-added", {"product_id": True, "quantity": 2}, "product_id must be a int"),
        ("host:page-view", {"path": 3}, "path must be a str"),
    ],
)
def test_payloads_are_checked_against_the_catalog(name: str, payload: dict, message: str) -> None:
    with pytest.raises(InvalidEvent, match=message):
        validate(name, payload)


def test_emit_queues_checked_events_in_order(rf: RequestFactory) -> None:
    request = rf.get("/")
    emit(request, "products:viewed", product_id=3)
    emit(request, "user:logged-out")
    assert emitted(request) == [("products:viewed", {"product_id": 3}), ("user:logged-out", {})]
    with pytest.raises(InvalidEvent):
        emit(request, "products:viewed", product_id="3")
    assert len(emitted(request)) == 2


@pytest.fixture
def heard() -> Iterator[list[tuple[str, dict, object]]]:
    """What a receiver connected for cart:item-added alone hears, the way a remote connects one in ready()."""
    seen: list[tuple[str, dict, object]] = []

    def receiver(sender: object, *, request: object, name: str, payload: dict, **kwargs: object) -> None:
        seen.append((name, payload, request))

    event_emitted.connect(receiver, sender=CATALOG["cart:item-added"])
    yield seen
    event_emitted.disconnect(receiver, sender=CATALOG["cart:item-added"])


def test_emit_tells_the_receivers_of_that_event_on_the_server(rf: RequestFactory, heard: list) -> None:
    request = rf.post("/")
    emit(request, "cart:item-removed", product_id=3)
    emit(request, "cart:item-added", product_id=3, quantity=2)
    assert heard == [("cart:item-added", {"product_id": 3, "quantity": 2}, request)]


def test_an_invalid_event_reaches_no_receiver(rf: RequestFactory, heard: list) -> None:
    with pytest.raises(InvalidEvent):
        emit(rf.post("/"), "cart:item-added", product_id="3", quantity=2)
    assert heard == []


def test_a_failing_receiver_is_not_the_emitters_failure(rf: RequestFactory, caplog: pytest.LogCaptureFixture) -> None:
    def broken(sender: object, **kwargs: object) -> None:
        raise RuntimeError("the listener's bug")

    event_emitted.connect(broken)
    try:
        request = rf.post("/")
        emit(request, "user:logged-out")
    finally:
        event_emitted.disconnect(broken)
    assert emitted(request) == [("user:logged-out", {})]
    assert "the listener's bug" in caplog.text
