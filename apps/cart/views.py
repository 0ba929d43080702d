"""The cart remote's own endpoints: its components as standalone pages, fragments for htmx, its actions."""

from collections.abc import Callable
from functools import partial

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from api.client import ApiError, ApiNotFound, api_client
from apps.cart import components, services
from apps.cart.bag import Bag, bag_get
from apps.cart.checkout import NothingSelected, PricesChanged, checkout_handoff
from apps.cart.components import Focus
from apps.cart.forms import QuantityForm, SelectionForm
from apps.cart.props import BagProps, CartBadgeProps
from apps.cart.selection import deselected_ids, selection_set
from federation.components import next_url, props_for
from federation.events import emit
from federation.htmx import HtmxHttpRequest
from federation.standalone import render_standalone, show_message
from shared_store import ActionRejected, select
from shared_store.handoff import HandoffError
from shared_store.slices import cart


def _bag_props(request: HttpRequest) -> BagProps:
    # Standalone, the cart has no catalog of its own: "Continue shopping" goes to the dev server's root,
    # and toasts are the standalone shell's Django messages.
    return props_for(request, BagProps, products_href="/", on_show_toast=partial(show_message, request))


def bag(request: HttpRequest) -> HttpResponse:
    html = components.bag(request, _bag_props(request))
    return render_standalone(request, "cart/Bag", html, title="Your bag")


def badge(request: HttpRequest) -> HttpResponse:
    props = props_for(request, CartBadgeProps, bag_href=reverse("cart:bag"))
    return render_standalone(request, "cart/CartBadge", components.cart_badge(request, props), title="Badge")


@require_POST
def set_quantity(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    form = QuantityForm(request.POST)
    if not form.is_valid():
        return _respond(request, product_id, str(form.errors["quantity"][0]))
    quantity = form.cleaned_data["quantity"]
    return _apply(
        request,
        product_id,
        lambda: services.line_set_quantity(request, product_id=product_id, quantity=quantity),
        success=lambda found: f"Quantity of {found.name_of(product_id)} is now {quantity}. {found.summary}",
    )


@require_POST
def selection(request: HtmxHttpRequest) -> HttpResponse:
    """Which lines to pay for now: the checked `selected` ids among the bag's lines."""
    if refused := _selection_save(request):
        return refused
    if not request.htmx:
        return HttpResponseRedirect(next_url(request, reverse("cart:bag")), status=303)
    # The page shows the new total to pay; a screen reader is told it, once (the box says ticked or not itself).
    return HttpResponse(components.bag(request, _bag_props(request), announce=_to_pay_now(request)))


@require_POST
def checkout(request: HtmxHttpRequest) -> HttpResponse:
    """ "Go to payment": hand the selected lines over, then let the host take the visitor to payment."""
    props = _bag_props(request)
    if props.on_go_to_payment is None:
        return _respond(request, None, "There is no payment step in this shop.", status=409)
    # The bag's boxes post with this button: what the shopper sees ticked is what is handed over, script or not.
    if SelectionForm.sent_with(request.POST) and (refused := _selection_save(request)):
        return refused
    try:
        checkout_handoff(request)
    except (NothingSelected, HandoffError) as exc:
        return _respond(request, None, exc.message)
    except PricesChanged as exc:
        return _respond(request, None, exc.message, status=409)
    except ApiError:
        return _respond(request, None, components.UNAVAILABLE, status=503)
    return props.on_go_to_payment()


@require_POST
def remove(request: HtmxHttpRequest, product_id: int) -> HttpResponse:
    def change() -> None:
        services.line_remove(request, product_id=product_id)
        emit(request, "cart:item-removed", product_id=product_id)

    line_ids = [line["product_id"] for line in select(request, cart.select_lines)]
    # Named before it goes: the bag shown after the removal no longer has it.
    name = services.product_name(request, product_id=product_id) if product_id in line_ids else "that product"
    return _apply(
        request,
        product_id,
        change,
        success=lambda found: f"Removed {name} from your bag. {found.summary}",
        focus=_successor(line_ids, product_id),
    )


def _selection_save(request: HtmxHttpRequest) -> HttpResponse | None:
    """Record the ticked lines the post carries; the answer to give instead when they can't be read."""
    form = SelectionForm(request.POST)
    if not form.is_valid():
        return _respond(request, None, str(form.errors["selected"][0]), status=400)
    line_ids = [line["product_id"] for line in select(request, cart.select_lines)]
    selection_set(request, line_ids=line_ids, selected_ids=form.cleaned_data["selected"])
    return None


def _successor(line_ids: list[int], removed: int) -> Focus:
    """Where the focus goes once a line is removed: the line that takes its place (the next one, or the one
    before when it was the last), or the heading when none is left."""
    if removed not in line_ids or len(line_ids) == 1:
        return "heading"
    at = line_ids.index(removed)
    return line_ids[at + 1] if at + 1 < len(line_ids) else line_ids[at - 1]


def _to_pay_now(request: HtmxHttpRequest) -> Callable[[Bag], tuple[str, str]]:
    def said(found: Bag) -> tuple[str, str]:
        due = found.payable(deselected_ids(request))
        return f"To pay now: {due.total_display}, {due.count} of {found.count} items.", "status"

    return said


def _apply(
    request: HtmxHttpRequest,
    product_id: int,
    change: Callable[[], None],
    *,
    success: Callable[[Bag], str],
    focus: Focus | None = None,
) -> HttpResponse:
    """Make a change to a line and answer with the bag; `success` words the change from the bag as it is then,
    and `focus` says where the focus goes if it was made."""
    try:
        change()
    except ApiNotFound:
        return _respond(request, product_id, "This product is no longer sold; remove it from your bag.")
    except ApiError:
        return _respond(request, product_id, components.UNAVAILABLE, status=503)
    except ActionRejected as exc:
        return _respond(request, product_id, exc.message)
    if request.htmx:  # worded from the bag the answer shows
        return _respond(request, product_id, None, focus=focus, announce=lambda found: (success(found), "success"))
    try:  # worded from the bag the next page will show
        said = success(bag_get(request, api_client(request)))
    except ApiError:
        said = "Your bag is updated."
    _bag_props(request).on_show_toast(said, "success")
    return _respond(request, product_id, None)


def _respond(
    request: HtmxHttpRequest,
    product_id: int | None,
    error: str | None,
    *,
    status: int = 422,
    focus: Focus | None = None,
    announce: Callable[[Bag], tuple[str, str]] | None = None,
) -> HttpResponse:
    """htmx: the re-rendered bag (with the error on its line, or at the top when `product_id` is None);
    plain post: back to the page, with a message."""
    if not request.htmx:
        if error:
            _bag_props(request).on_show_toast(error, "error")
        return HttpResponseRedirect(next_url(request, reverse("cart:bag")), status=303)
    errors = {product_id: error} if error else {}
    entered = (
        {product_id: request.POST.get("quantity", "")}
        if error and product_id is not None and "quantity" in request.POST
        else {}
    )
    html = components.bag(
        request, _bag_props(request), errors=errors, entered=entered, report=not error, focus=focus, announce=announce
    )
    return HttpResponse(html, status=status if error else 200)
