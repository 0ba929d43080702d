"""The components this remote exposes: functions of (request, props) that return HTML."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from api.client import ApiError, SessionExpired, api_client
from apps.payment.orders import orders_get
from apps.payment.props import OrdersProps, PaymentProps


def payment(request: HttpRequest, props: PaymentProps) -> str:
    """The payment step; until a bag is handed over there is nothing to pay."""
    return render_to_string("payment/payment.html", {"bag_href": props.bag_href}, request)


def orders(request: HttpRequest, props: OrdersProps) -> str:
    """The logged-in visitor's account and orders, read from authenticated API endpoints."""
    context: dict[str, object] = {"props": props, "error": None, "expired": False}
    try:
        context["history"] = orders_get(api_client(request))
    except SessionExpired as exc:
        context["expired"] = exc.message
    except ApiError:
        context["error"] = "Your orders can't be loaded right now. Please try again in a moment."
    return render_to_string("payment/orders.html", context, request)
