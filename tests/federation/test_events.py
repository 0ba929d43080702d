"""Tests of the custom event catalog (federation/events.py)."""

import re

import pytest
from django.test import RequestFactory

from federation.events import CATALOG, InvalidEvent, emit, emitted, validate


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
