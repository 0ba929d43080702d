"""Sessions saved key by key (config/sessions): overlapping requests keep each other's writes."""

import pytest
from django.test import Client

from api.models import Product
from config.sessions.db import SessionStore
from shared_store.signals import handoff_consumed
from tests.helpers import run_concurrently

pytestmark = pytest.mark.postgres


@pytest.fixture
def key(db: None) -> str:
    session = SessionStore()
    session.update({"kept": 1, "gone": 2})
    session.create()
    return session.session_key


def test_two_requests_that_read_the_same_session_keep_each_others_changes(key: str) -> None:
    first, second = SessionStore(key), SessionStore(key)
    first["payment.pending"] = {"key": "abc"}
    second.load()  # it read the session before the first saved
    first.save()
    second["host.events"] = ["cart:item-added"]
    del second["gone"]
    second.save()
    expected = {"kept": 1, "payment.pending": {"key": "abc"}, "host.events": ["cart:item-added"]}
    assert SessionStore(key).load() == expected


def test_a_request_that_changed_nothing_writes_nothing_back(key: str) -> None:
    stale, writer = SessionStore(key), SessionStore(key)
    stale.load()
    writer["new"] = True
    writer.save()
    stale.save()  # SESSION_SAVE_EVERY_REQUEST, say: its old copy does not erase "new"
    assert SessionStore(key).load()["new"] is True


def test_pop_setdefault_and_update_are_changes_too(key: str) -> None:
    session = SessionStore(key)
    assert session.pop("gone") == 2
    assert session.pop("never there", None) is None
    assert session.setdefault("kept", 5) == 1
    session.setdefault("added", 3)
    session.update({"also": 4})
    other = SessionStore(key)
    other["elsewhere"] = 5
    other.save()
    session.save()
    assert SessionStore(key).load() == {"kept": 1, "added": 3, "also": 4, "elsewhere": 5}


def test_a_flush_writes_the_whole_new_session(key: str) -> None:
    session = SessionStore(key)
    session.flush()
    session["fresh"] = True
    session.save()
    assert session.session_key != key
    assert SessionStore(session.session_key).load() == {"fresh": True}
    assert SessionStore(key).load() == {}  # the old one is gone


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("inspector", [False, True], ids=["inspector off", "inspector on"])
def test_parallel_loads_of_the_payment_page_keep_the_checkout(catalog: int, demo_user, settings, inspector) -> None:
    """Finding 8: one load consumes the handoff; the others navigate to the bag and write their own session
    keys (events, the inspector's log) without erasing the checkout the first one started."""
    settings.INSPECTOR = {"ENABLED": inspector}
    client = Client()
    client.post(f"/remotes/products/{Product.objects.order_by('pk').first().pk}/add-to-cart/", {"quantity": 1})
    client.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    client.post("/remotes/cart/checkout/")

    def load() -> int:
        tab = Client()
        tab.cookies = client.cookies
        return tab.get("/checkout/payment/").status_code

    consumed: list[str] = []

    def record(*, channel: str, **kwargs: object) -> None:
        consumed.append(channel)

    handoff_consumed.connect(record)
    try:
        statuses = run_concurrently(8, load)
    finally:
        handoff_consumed.disconnect(record)
    assert consumed == ["checkout"]  # one load took the handoff
    # It shows the payment page; a load that read the session before it was saved goes back to the bag, and one
    # that read it after shows the same checkout again (how many of each depends on the threads' timing).
    assert 200 in statuses, statuses
    assert set(statuses) <= {200, 303}, statuses
    assert "payment.pending" in client.session
    assert Product.objects.order_by("pk").first().name in client.get("/checkout/payment/").content.decode()
