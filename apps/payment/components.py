"""The components this remote exposes: functions of (request, props) that return HTML."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from api.client import ApiError, ApiNotFound, SessionExpired, api_client, cards
from apps.payment.checkout import PendingCheckout, checkout_start
from apps.payment.forms import CardForm
from apps.payment.orders import order_get, orders_get
from apps.payment.props import OrderProps, OrdersProps, PaymentProps, ThanksProps
from apps.payment.retry import retry_take
from federation.components import current_page_path
from shared_store.handoff import HandoffError

TEST_CARDS = [
    ("4242 4242 4242 4242", "succeeds", cards.APPROVED),
    ("4000 0000 0000 0002", "is declined", cards.DECLINED),
    ("4000 0000 0000 0119", "fails with a provider error", cards.PROVIDER_ERROR),
]


NOTHING_TO_PAY = "There is nothing to pay yet: choose what to buy in your bag first."


def payment(request: HttpRequest, props: PaymentProps) -> str | HttpResponse:
    """The payment step: the handed-over order and a card form; without a handoff, back to the bag."""
    try:
        pending = checkout_start(request)
    except HandoffError as exc:
        props.on_show_toast(exc.message, "error")
        return props.handle_navigate(props.bag_href)
    if pending is None:
        props.on_show_toast(NOTHING_TO_PAY, "info")
        return props.handle_navigate(props.bag_href)
    retry = retry_take(request, pending.key)  # a plain post's failed Pay, shown on this render only
    if retry is not None:
        return payment_step(request, props, pending, form=retry.form(), error=retry.error)
    return payment_step(request, props, pending)


def payment_step(
    request: HttpRequest,
    props: PaymentProps,
    pending: PendingCheckout,
    *,
    form: CardForm | None = None,
    error: str | None = None,
) -> str:
    """The payment step of `pending`: its order and the card form (as it came back from a failed Pay)."""
    context = {
        "pending": pending,
        "form": form or CardForm(initial={"key": pending.key}),
        "error": error,
        "props": props,
        "test_cards": TEST_CARDS,
        "next": current_page_path(request),
    }
    return render_to_string("payment/payment.html", context, request)


def thanks(request: HttpRequest, props: ThanksProps) -> str:
    """The thank-you page of one of the visitor's orders (another visitor's is a 404)."""
    unavailable = "Your order is placed, but it can't be shown right now. See it later in your orders."
    context = {"props": props, **_order_read(request, props.order_numeric_id, unavailable)}
    return render_to_string("payment/thanks.html", context, request)


def order(request: HttpRequest, props: OrderProps) -> str:
    """One of the visitor's orders: when, its status, its lines (another visitor's is a 404)."""
    unavailable = "This order can't be shown right now. Please try again in a moment."
    context = {"props": props, **_order_read(request, props.order_numeric_id, unavailable)}
    if context["order"] is not None:
        props.on_page_title(f"Order #{props.order_numeric_id}")
    return render_to_string("payment/order.html", context, request)


def _order_read(request: HttpRequest, order_id: int, unavailable: str) -> dict[str, object]:
    """One of the visitor's orders for a page (`order`), or why it can't be shown: the login ended (`expired`),
    the API failed (`error`, saying `unavailable`). Another visitor's order, or none, is a 404."""
    try:
        return {"order": order_get(api_client(request), order_id), "expired": None, "error": None}
    except ApiNotFound as exc:
        raise Http404(f"There is no order {order_id} of yours.") from exc
    except SessionExpired as exc:
        return {"order": None, "expired": exc.message, "error": None}
    except ApiError:
        return {"order": None, "expired": None, "error": unavailable}


def orders(request: HttpRequest, props: OrdersProps) -> str:
    """The logged-in visitor's account and orders, read from authenticated API endpoints."""
    context: dict[str, object] = {"props": props, "error": None, "expired": False}
    try:
        history = orders_get(api_client(request))
        context["history"] = history
        context["rows"] = [(order, props.order_href(order.id)) for order in history.orders]
    except SessionExpired as exc:
        context["expired"] = exc.message
    except ApiError:
        context["error"] = "Your orders can't be loaded right now. Please try again in a moment."
    return render_to_string("payment/orders.html", context, request)
