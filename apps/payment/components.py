"""The components this remote exposes: functions of (request, props) that return HTML."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from apps.payment.props import PaymentProps


def payment(request: HttpRequest, props: PaymentProps) -> str:
    """The payment step; until a bag is handed over there is nothing to pay."""
    return render_to_string("payment/payment.html", {"bag_href": props.bag_href}, request)
