"""Tests of the handoff channels' catalog (shared_store/channels.py): one shape per channel, checked both ways."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from apps.cart import checkout as cart_checkout
from apps.payment import checkout as payment_checkout
from shared_store.channels import CHANNELS, CHECKOUT, CheckoutSummary, mismatch
from shared_store.handoff import HandoffInvalid, handoff_write

pytestmark = pytest.mark.django_db

SUMMARY: CheckoutSummary = {
    "lines": [{"product_id": 7, "name": "Mug", "quantity": 2, "unit_price": "4.50", "line_total": "9.00"}],
    "currency": "EUR",
    "items": 2,
    "total": "9.00",
    "total_display": "€9.00",
}


def visitor():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def test_the_catalog_lists_each_channel_by_its_name() -> None:
    assert CHANNELS["checkout"] is CHECKOUT
    assert all(name == channel.name for name, channel in CHANNELS.items())


def test_a_message_of_the_schema_goes_through_once() -> None:
    request = visitor()
    CHECKOUT.write(request, SUMMARY)
    assert CHECKOUT.consume(request) == SUMMARY
    assert CHECKOUT.consume(request) is None


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ({**SUMMARY, "items": "2"}, "items: '2' is not a int"),
        ({**SUMMARY, "items": True}, "items: True is not a int"),
        ({k: v for k, v in SUMMARY.items() if k != "total"}, "it has"),
        ({**SUMMARY, "lines": [{"product_id": 7}]}, "lines: it has ['product_id']"),
        ({**SUMMARY, "lines": "all of them"}, "lines: 'all of them' is not a list"),
    ],
)
def test_the_writer_cannot_send_another_shape(message: dict, problem: str) -> None:
    assert problem in (mismatch(message, CheckoutSummary) or "")
    with pytest.raises(ValueError, match="is not a CheckoutSummary"):
        CHECKOUT.write(visitor(), message)  # type: ignore[arg-type]


def test_a_message_of_another_shape_is_refused_to_the_reader_with_the_channels_words() -> None:
    request = visitor()
    handoff_write(request, "checkout", {**SUMMARY, "lines": [{"product_id": "x"}]})  # as an older cart might
    with pytest.raises(HandoffInvalid, match="That checkout could not be read"):
        CHECKOUT.consume(request)


def test_both_apps_use_the_catalogs_channel_not_a_name_of_their_own() -> None:
    assert cart_checkout.CHECKOUT is payment_checkout.CHECKOUT is CHECKOUT
