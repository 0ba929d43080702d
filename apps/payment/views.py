"""The payment remote's own endpoints: its components as standalone pages, or bare fragments for htmx."""

from django.http import HttpRequest, HttpResponse

from apps.payment import components
from apps.payment.props import OrdersProps, PaymentProps
from federation.mounting import props_for
from federation.standalone import render_standalone


def payment(request: HttpRequest) -> HttpResponse:
    # Standalone, there is no bag next door: the link points back at this app's own page.
    html = components.payment(request, PaymentProps(bag_href=request.path))
    return render_standalone(request, "payment/Payment", html, title="Payment")


def orders(request: HttpRequest) -> HttpResponse:
    props = props_for(request, OrdersProps, login_href="/admin/login/", products_href="/")
    return render_standalone(request, "payment/Orders", components.orders(request, props), title="Your orders")
