"""Tests of the payment components alone, with fake props (apps/payment/components.py)."""

from django.test import RequestFactory

from apps.payment import components
from apps.payment.props import PaymentProps


def test_payment_without_a_bag_points_back_through_the_prop(rf: RequestFactory) -> None:
    html = components.payment(rf.get("/"), PaymentProps(bag_href="/my-bag/"))
    assert "nothing to pay yet" in html
    assert 'href="/my-bag/"' in html
