"""Tests of the payment components alone, with fake props that record their calls (apps/payment/)."""

from decimal import Decimal

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

from apps.payment import components
from apps.payment.checkout import SESSION_KEY
from apps.payment.props import PaymentProps
from shared_store.handoff import handoff_write

pytestmark = pytest.mark.django_db

SUMMARY = {
    "lines": [{"product_id": 7, "name": "Oak Mug", "quantity": 2, "unit_price": "4.50", "line_total": "9.00"}],
    "currency": "EUR",
    "items": 2,
    "total": "9.00",
    "total_display": "€9.00",
}


class FakeHost:
    """Props whose callbacks record what the remote asked for."""

    def __init__(self) -> None:
        self.navigated: list[str] = []
        self.toasts: list[tuple[str, str]] = []

    def props(self) -> PaymentProps:
        return PaymentProps(
            bag_href="/the-bag/",
            thanks_href=lambda order_id: f"/thanks/{order_id}/",
            login_href="/log-in/?next=/pay/",
            handle_navigate=self.navigate,
            on_show_toast=lambda message, level: self.toasts.append((message, level)),
        )

    def navigate(self, path: str) -> HttpResponse:
        self.navigated.append(path)
        return HttpResponse(status=303, headers={"Location": path})


@pytest.fixture
def request_(rf: RequestFactory):
    request = rf.get("/pay/")
    request.session = SessionStore()
    return request


def test_without_a_handoff_it_sends_the_visitor_back_to_the_bag(request_) -> None:
    host = FakeHost()
    response = components.payment(request_, host.props())
    assert isinstance(response, HttpResponse)
    assert host.navigated == ["/the-bag/"]
    assert host.toasts == [(components.NOTHING_TO_PAY, "info")]


def test_the_handoff_becomes_a_pending_checkout_consumed_once(request_) -> None:
    handoff_write(request_, "checkout", SUMMARY)
    host = FakeHost()
    html = components.payment(request_, host.props())
    assert "Oak Mug" in html
    assert "€9.00" in html
    key = request_.session[SESSION_KEY]["key"]
    assert f'value="{key}"' in html  # the idempotency key made when the page first rendered
    again = components.payment(request_, host.props())  # a reload: the handoff is gone, the checkout stays
    assert "Oak Mug" in again
    assert request_.session[SESSION_KEY]["key"] == key
    assert host.navigated == []


def test_an_altered_handoff_is_refused_with_a_message(request_) -> None:
    handoff_write(request_, "checkout", {**SUMMARY, "lines": [{"product_id": "x"}]})
    host = FakeHost()
    components.payment(request_, host.props())
    assert host.navigated == ["/the-bag/"]
    assert host.toasts[0][1] == "error"
    assert "could not be read" in host.toasts[0][0]


def test_pending_lines_keep_the_prices_the_visitor_saw(request_) -> None:
    from apps.payment.checkout import checkout_start

    handoff_write(request_, "checkout", SUMMARY)
    pending = checkout_start(request_)
    kept = [(line.product_id, line.quantity, line.unit_price) for line in pending.lines]
    assert kept == [(7, 2, str(Decimal("4.50")))]
