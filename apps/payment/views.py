"""The payment remote's own endpoints: its components as standalone pages, and its Pay action."""

from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.payment import components, services
from apps.payment.checkout import PendingCheckout, checkout_pending, paid_order_for
from apps.payment.forms import CardForm
from apps.payment.props import OrderProps, OrdersProps, PaymentProps, ThanksProps
from apps.payment.retry import Retry, retry_keep
from federation.components import next_url, props_for
from federation.events import emit
from federation.htmx import HtmxHttpRequest
from federation.standalone import render_standalone, show_message


def _payment_props(request: HttpRequest) -> PaymentProps:
    # Standalone there is no host: navigation is a plain redirect and toasts are Django messages.
    return props_for(
        request,
        PaymentProps,
        bag_href=reverse("payment:orders"),  # standalone there is no bag; its own orders page stands in
        thanks_href=lambda order_id: reverse("payment:thanks", args=[order_id]),
        login_href=_login_then(reverse("payment:payment")),
        handle_navigate=lambda path: HttpResponseRedirect(path, status=303),
        on_show_toast=partial(show_message, request),
    )


# The remote's own pages show a visitor's orders and checkout: like the host's pages of them, they need a login
# (settings.LOGIN_URL: the host's login page when mounted, the remote's own when it runs alone).
@login_required
def payment(request: HttpRequest) -> HttpResponse:
    result = components.payment(request, _payment_props(request))
    if isinstance(result, HttpResponse):
        return result
    return render_standalone(request, "payment/Payment", result, title="Payment")


@require_POST
def pay(request: HtmxHttpRequest) -> HttpResponse:
    """Pay: the pending checkout paid through the API (services.checkout_pay), then the thank-you page."""
    props = _payment_props(request)
    if not request.user.is_authenticated:  # e.g. the session ended in another tab; the checkout is kept
        props.on_show_toast("Please log in to pay. Your bag and this checkout are kept.", "info")
        return props.handle_navigate(props.login_href)
    pending = checkout_pending(request)
    if pending is None:
        already = paid_order_for(request, request.POST.get("key", ""))
        if already is not None:  # a second click that arrived after the first was paid: same order
            return props.handle_navigate(props.thanks_href(already))
        props.on_show_toast(components.NOTHING_TO_PAY, "info")
        return props.handle_navigate(props.bag_href)
    match services.checkout_pay(request, pending, CardForm(request.POST)):
        case services.Paid(order=order):
            # No toast: the thank-you page it goes to says so, in its heading.
            emit(
                request, "checkout:order-placed", order_id=order["id"], total=order["total"], currency=order["currency"]
            )
            return props.handle_navigate(props.thanks_href(order["id"]))
        case services.LoginEnded(message=message):
            props.on_show_toast(f"{message} Your bag is kept in your account.", "info")
            return props.handle_navigate(_login_then(props.bag_href))
        case services.Refused(form=form, error=error):
            return _shown_again(request, props, pending, form, error)


def _login_then(path: str) -> str:
    """The login page (settings.LOGIN_URL), then back to `path`."""
    return f"{resolve_url(settings.LOGIN_URL)}?next={quote(path)}"


def _shown_again(
    request: HtmxHttpRequest, props: PaymentProps, pending: PendingCheckout, form: CardForm, error: str | None
) -> HttpResponse:
    """The payment step again, with what went wrong: the name and expiry kept, never the card number or CVC.

    htmx swaps it in (422). A plain post is redirected (303) back to the page, which the host composes, and that
    page's payment step shows the kept form once (retry.py): a reload then asks nothing again.
    """
    retry = Retry(key=pending.key, kept=form.kept(), errors=form.field_errors(), error=error)
    if not request.htmx:
        retry_keep(request, retry)
        return HttpResponseRedirect(next_url(request, props.bag_href), status=303)
    return HttpResponse(components.payment_step(request, props, pending, form=retry.form(), error=error), status=422)


@login_required
def orders(request: HttpRequest) -> HttpResponse:
    props = props_for(
        request,
        OrdersProps,
        login_href=resolve_url(settings.LOGIN_URL),
        products_href="/",
        order_href=lambda order_id: reverse("payment:order", args=[order_id]),
    )
    return render_standalone(request, "payment/Orders", components.orders(request, props), title="Your orders")


@login_required
def order(request: HttpRequest, order_numeric_id: int) -> HttpResponse:
    props = props_for(
        request,
        OrderProps,
        order_numeric_id=order_numeric_id,
        orders_href=reverse("payment:orders"),
        login_href=resolve_url(settings.LOGIN_URL),
    )
    return render_standalone(request, "payment/Order", components.order(request, props), title="Your order")


@login_required
def thanks(request: HttpRequest, order_numeric_id: int) -> HttpResponse:
    props = props_for(
        request,
        ThanksProps,
        order_numeric_id=order_numeric_id,
        products_href="/",
        login_href=resolve_url(settings.LOGIN_URL),
    )
    return render_standalone(request, "payment/Thanks", components.thanks(request, props), title="Thank you")
