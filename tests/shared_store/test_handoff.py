"""Tests of the handoff channel (shared_store/handoff.py): read once, bound to the visitor, small, short-lived."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from shared_store.handoff import (
    MAX_BYTES,
    HandoffExpired,
    HandoffInvalid,
    HandoffTooLarge,
    handoff_consume,
    handoff_write,
)
from shared_store.models import Handoff
from shared_store.store import SESSION_KEY as STORE_SESSION_KEY
from tests.helpers import run_concurrently

pytestmark = pytest.mark.postgres


def visitor(session_key: str | None = None):
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key)
    return request


@pytest.mark.django_db
def test_written_then_consumed_exactly_once() -> None:
    request = visitor()
    handoff_write(request, "checkout", {"total": "9.00"})
    assert handoff_consume(request, "checkout") == {"total": "9.00"}
    assert handoff_consume(request, "checkout") is None


@pytest.mark.django_db
def test_channels_are_separate_and_a_new_write_replaces_an_unread_one() -> None:
    request = visitor()
    handoff_write(request, "checkout", {"n": 1})
    handoff_write(request, "checkout", {"n": 2})
    handoff_write(request, "other", {"n": 3})
    assert handoff_consume(request, "checkout") == {"n": 2}
    assert handoff_consume(request, "other") == {"n": 3}


@pytest.mark.django_db
def test_another_visitor_cannot_consume_it() -> None:
    owner = visitor()
    handoff_write(owner, "checkout", {"total": "9.00"})
    assert handoff_consume(visitor(), "checkout") is None
    stranger = visitor()
    stranger.session[STORE_SESSION_KEY] = "someone-else"
    assert handoff_consume(stranger, "checkout") is None
    assert handoff_consume(owner, "checkout") == {"total": "9.00"}


@pytest.mark.django_db
def test_an_oversized_handoff_is_refused_with_a_message() -> None:
    request = visitor()
    with pytest.raises(HandoffTooLarge, match="too much"):
        handoff_write(request, "checkout", {"blob": "x" * MAX_BYTES})
    assert not Handoff.objects.exists()


@pytest.mark.django_db
def test_an_expired_handoff_is_refused_with_a_message() -> None:
    request = visitor()
    handoff_write(request, "checkout", {"total": "9.00"}, ttl=timedelta(seconds=-1))
    with pytest.raises(HandoffExpired, match="expired"):
        handoff_consume(request, "checkout")
    assert handoff_consume(request, "checkout") is None


@pytest.mark.django_db
def test_an_altered_handoff_is_refused() -> None:
    request = visitor()
    handoff_write(request, "checkout", {"total": "9.00"})
    record = Handoff.objects.get()
    record.payload = record.payload.replace(record.payload[5], "A" if record.payload[5] != "A" else "B", 1)
    record.save()
    with pytest.raises(HandoffInvalid, match="could not be read"):
        handoff_consume(request, "checkout")


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_consumers_get_it_once() -> None:
    owner = visitor()
    handoff_write(owner, "checkout", {"total": "9.00"})
    owner.session.save()
    key = owner.session.session_key
    results = run_concurrently(10, lambda: handoff_consume(visitor(key), "checkout"))
    # The conditional UPDATE claims it once (PostgreSQL re-checks the row after the winner's lock is released).
    assert results.count({"total": "9.00"}) == 1
    assert results.count(None) == 9
