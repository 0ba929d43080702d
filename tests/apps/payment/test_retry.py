"""A failed Pay kept for the next payment page, read once (apps/payment/retry.py)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from apps.payment.retry import Retry, retry_keep, retry_take

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def request_(rf: RequestFactory):
    request = rf.get("/checkout/payment/")
    request.session = SessionStore()
    return request


def test_it_is_read_once(request_) -> None:
    retry_keep(request_, Retry(key="checkout-1", kept={"name": "Ada"}, errors={"cvc": ["Required."]}, error="No."))
    taken = retry_take(request_, "checkout-1")
    assert taken == Retry(key="checkout-1", kept={"name": "Ada"}, errors={"cvc": ["Required."]}, error="No.")
    assert retry_take(request_, "checkout-1") is None


def test_another_checkouts_is_dropped_unread(request_) -> None:
    retry_keep(request_, Retry(key="checkout-old", kept={"name": "Ada"}))
    assert retry_take(request_, "checkout-new") is None
    assert retry_take(request_, "checkout-old") is None  # gone: it can never show up later


def test_its_form_shows_the_kept_fields_and_only_the_kept_errors(request_) -> None:
    form = Retry(key="checkout-1", kept={"name": "Ada", "expiry": "12/39"}, errors={"cvc": ["Required."]}).form()
    assert form["name"].value() == "Ada"
    assert form["expiry"].value() == "12/39"
    assert form["number"].value() is None  # blank on purpose, and not called an error
    assert dict(form.errors) == {"cvc": ["Required."]}
