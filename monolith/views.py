"""Every page of the monolith, in one module: views share helpers and reach into each other's data.

That is what makes a monolith quick to start and hard to split: the product pages need the cart for the
header, checkout reuses the bag's helper and reads the session cart directly, and one template tree
(`templates/monolith/`) holds every page. The tutorial's chapter 1 walks through these couplings.

The pages are the federated shop's, with the same htmx: a Django + htmx monolith, as the shop was before its
split. Every action is a form post. Sent by htmx (`request.htmx`, django-htmx's middleware), it is answered with
the part of the page it changed (the form, the bag, the payment step), and out of band the header's badge and a
toast (views `htmx_answer`); a form that is refused comes back with its error beside the field, at 422. Sent
without JavaScript, it is answered as before htmx: a redirect to the page to show next and a toast (a Django
message), or the page again with the error.
"""

import secrets
import zlib
from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import transaction
from django.db.models import F, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh
from django_htmx.middleware import HtmxDetails

from monolith import caching
from monolith.cart import Line, cart_add, cart_change, cart_count, cart_lines, cart_remove, cart_select
from monolith.forms import AddToCartForm, CardForm, QuantityForm, SelectionForm
from monolith.models import Order, OrderLine, Product
from monolith.templatetags.euros import euros

PAGE_SIZE = 24  # as the federated shop (api/pagination.py): the benchmark compares equal pages
TEST_CARDS = [
    ("4242 4242 4242 4242", "succeeds"),
    ("4000 0000 0000 0002", "is declined"),
    ("4000 0000 0000 0119", "fails with a provider error"),
]
CARD_FAILURES = {  # the simulated card provider: every other valid number is charged
    "4000000000000002": "Your card was declined. Nothing was charged; try another card.",
    "4000000000000119": "The payment provider is not answering. Nothing was charged; please try again.",
}
# What the login page says to a visitor sent there from a page behind it.
LOGIN_REASONS = {
    "monolith:checkout": "Log in to pay. Your bag is kept: you come straight back to the payment step.",
    "monolith:thanks": "Log in to see your order.",
    "monolith:orders": "Log in to see your orders.",
    "monolith:order": "Log in to see your order.",
}


CHECKOUT_KEY = "monolith_checkout_key"  # the checkout the payment page shows (CardForm's `key`)
PAID_KEYS = "monolith_paid_checkout"  # the last checkout paid, and its order: {key: order id}


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (django-htmx's recipe, for the type checker)."""

    htmx: HtmxDetails


class CheckoutError(Exception):
    """The order was not placed; the message says why, for a person."""


def render_page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """Render a page with the header's cart count: every page depends on the cart."""
    return render(request, template, {**context, "cart_count": cart_count(request)}, status=status)


def htmx_answer(request: HtmxHttpRequest, html: str, status: int = 200, *, changed: bool = True) -> HttpResponse:
    """An answer to htmx: `html` (what its target shows now), then out of band what else the action `changed` on
    the page (the header's badge, for the cart count), and the toasts (Django's messages), each a partial of
    base.html. One request per action, however many parts of the page it changes."""
    context = {"cart_count": cart_count(request), "oob": True}
    badge = render_to_string("monolith/base.html#cart_badge", context, request) if changed else ""
    said = list(messages.get_messages(request))
    toasts = render_to_string("monolith/base.html#toasts", context, request) if said else ""
    return HttpResponse(html + badge + toasts, status=status)


def page_not_found(request: HttpRequest, message: str = "There is nothing at this address.") -> HttpResponse:
    """The monolith's own 404 page. (Django's handler404 is the project's: the federated shop's page.)"""
    return render_page(request, "monolith/404.html", {"message": message}, status=404)


def product_list(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("page", "1")
    try:
        page = caching.catalog_page(number, per_page=PAGE_SIZE)
    except PageNotAnInteger:
        return page_not_found(request, "Page numbers are whole numbers from 1.")
    except EmptyPage:
        return page_not_found(request, f"There is no page {number} of products.")
    return render_page(request, "monolith/product_list.html", {"page": page, "next": request.get_full_path()})


def product_detail(request: HttpRequest, pk: int, form: AddToCartForm | None = None) -> HttpResponse:
    product = caching.product_get(pk)
    if product is None:
        return page_not_found(request, f"There is no product with id {pk}.")
    context = {"product": product, "form": form, "next": reverse("monolith:product-detail", args=[pk])}
    return render_page(request, "monolith/product_detail.html", context, 422 if form is not None else 200)


@require_safe
@cache_control(public=True, max_age=86400)
def product_image(request: HttpRequest, pk: int) -> HttpResponse:
    """A generated SVG placeholder, coloured from the product's name so each one looks different."""
    product = Product.objects.only("name").filter(pk=pk).first()
    if product is None:
        return page_not_found(request, f"There is no product with id {pk}.")
    hue = zlib.crc32(product.name.encode()) % 360
    initials = "".join(word[0] for word in product.name.split()[:2]).upper()
    context = {"hue": hue, "initials": initials}
    return render(request, "monolith/product_image.svg", context, content_type="image/svg+xml")


@require_POST
def add_to_cart(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    product = Product.objects.filter(pk=pk).first()
    if product is None:
        return page_not_found(request, f"There is no product with id {pk}.")
    form = AddToCartForm(request.POST)
    if form.is_valid():
        try:
            cart_add(request, product, form.cleaned_data["quantity"])
        except ValueError as error:
            form.add_error("quantity", str(error))
    if form.errors and not request.htmx:
        return product_detail(request, pk, form=form)  # a view calling another view
    if not form.errors:
        bag = bag_context(request)
        said = f"Added {product.name} to your bag, now {items(bag['items'])}, {euros(bag['total'])}."
        messages.success(request, said)
    if not request.htmx:
        return redirect(back_to(request, reverse("monolith:product-list")))
    # htmx swaps the form for this one: a fresh form after an add (the focus on its button), else the error.
    with_quantity = bool(request.POST.get("with_quantity"))
    context = {
        "product": product,
        "with_quantity": with_quantity,
        "next": request.POST.get("next", ""),
        "form": form if form.errors else None,
        "htmx_answer": True,
    }
    html = render_to_string("monolith/add_to_cart.html", context, request)
    return htmx_answer(request, html, 422, changed=False) if form.errors else htmx_answer(request, html)


def go_to(request: HtmxHttpRequest, url: str) -> HttpResponse:
    """Send the browser to another page: htmx by its HX-Redirect header, a plain post by a redirect."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def back_to(request: HttpRequest, default: str) -> str:
    """The page a form came from (its `next`) if it is one of this site's; else `default`."""
    wanted = request.POST.get("next", "")
    mine = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if mine else default


def bag_context(request: HttpRequest) -> dict[str, Any]:
    """The cart's lines and totals, and those of the lines ticked to pay now; the bag page and checkout use it."""
    lines = cart_lines(request)
    selected = [line for line in lines if line.selected]
    return {
        "lines": lines,
        "items": sum(line.quantity for line in lines),
        "total": sum((line.subtotal for line in lines), Decimal(0)),
        "selected": selected,
        "selected_items": sum(line.quantity for line in selected),
        "selected_total": sum((line.subtotal for line in selected), Decimal(0)),
    }


def bag_said(request: HttpRequest) -> str:
    """The bag in a few words, as a toast says it after a change: "Bag total €36.00 (3 items)."."""
    bag = bag_context(request)
    if not bag["lines"]:
        return "Your bag is empty."
    return f"Bag total {euros(bag['total'])} ({items(bag['items'])})."


def items(count: int) -> str:
    return f"{count} item{'' if count == 1 else 's'}"


def bag(request: HtmxHttpRequest, refused_pk: int | None = None, refused: QuantityForm | None = None) -> HttpResponse:
    """The bag; `refused` is line `refused_pk`'s quantity form that was not accepted, shown on it with its error."""
    context = {**bag_context(request), "refused_pk": refused_pk, "refused": refused}
    if refused and request.htmx:
        return bag_changed(request, status=422, **context)
    return render_page(request, "monolith/bag.html", context, 422 if refused else 200)


def bag_changed(request: HtmxHttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    """What a bag action answers: to htmx, the bag and (out of band) its summary, the badge and the toast; without
    JavaScript, a redirect to the bag, which shows the toast. `context` says what the bag shows besides its lines:
    a refused quantity, an error at the top, where the focus goes (`focus`: a line's id, or "heading")."""
    if not request.htmx:
        return redirect("monolith:bag")
    context = {**bag_context(request), **context, "htmx_answer": True}
    html = render_to_string("monolith/bag.html#bag", context, request)
    summary = render_to_string("monolith/bag.html#summary", {**context, "oob": True}, request)
    return htmx_answer(request, html + summary, status)


def bag_line(request: HttpRequest, pk: int) -> Line | None:
    return next((line for line in cart_lines(request) if line.product.pk == pk), None)


@require_POST
def bag_update(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    line = bag_line(request, pk)
    if line is None:
        return page_not_found(request, "That product is not in your bag.")
    form = QuantityForm(request.POST)
    if form.is_valid():
        try:
            cart_change(request, line.product, form.cleaned_data["quantity"])
        except ValueError as error:
            form.add_error("quantity", str(error))
    if form.errors:
        return bag(request, refused_pk=pk, refused=form)
    said = f"Quantity of {line.product.name} is now {form.cleaned_data['quantity']}. {bag_said(request)}"
    messages.success(request, said)
    return bag_changed(request)


@require_POST
def bag_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    line = bag_line(request, pk)
    if line is None:
        return page_not_found(request, "That product is not in your bag.")
    # Where the focus goes, as htmx swaps the bag: the line that takes its place, or the heading when none is left.
    kept = [other.product.pk for other in cart_lines(request)]
    at = kept.index(pk)
    kept.remove(pk)
    focus = kept[min(at, len(kept) - 1)] if kept else "heading"
    cart_remove(request, {pk})
    messages.success(request, f"Removed {line.product.name} from your bag. {bag_said(request)}")
    return bag_changed(request, focus=focus)


@require_POST
def bag_selection(request: HtmxHttpRequest) -> HttpResponse:
    """ "Update selection": which lines to pay for now (the boxes that are ticked)."""
    form = SelectionForm(request.POST)
    if not form.is_valid():
        return bag_refused(request, str(form.errors["selected"][0]), status=400)
    cart_select(request, form.cleaned_data["selected"])
    if request.htmx:  # the page shows the new total to pay; a screen reader is told it, once
        bag = bag_context(request)
        said = f"To pay now: {euros(bag['selected_total'])}, {bag['selected_items']} of {items(bag['items'])}."
        messages.info(request, said, extra_tags="announce")
    return bag_changed(request)


def bag_refused(request: HtmxHttpRequest, error: str, status: int = 422) -> HttpResponse:
    """A bag action refused: to htmx, the bag with the error at its top; without JavaScript, an error toast."""
    if request.htmx:
        return bag_changed(request, status=status, error=error)
    messages.error(request, error)
    return redirect("monolith:bag")


@require_POST
def go_to_payment(request: HtmxHttpRequest) -> HttpResponse:
    """ "Go to payment": its form holds the boxes, so the lines ticked are saved with it; then the payment page."""
    form = SelectionForm(request.POST)
    if not form.is_valid():
        return bag_refused(request, str(form.errors["selected"][0]), status=400)
    cart_select(request, form.cleaned_data["selected"])
    if not bag_context(request)["selected"]:
        return bag_refused(request, "Select at least one line to pay for.")
    return go_to(request, reverse("monolith:checkout"))


def place_order(user: Any, lines: list[Line], card_number: str) -> Order:
    """Take the quantities out of stock, charge the card and record the order at current prices, all or nothing."""
    with transaction.atomic():
        wanted = {line.product.pk: line.quantity for line in lines}
        products = list(Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
        short = [f"only {p.stock} of {p.name} left" for p in products if p.stock < wanted[p.pk]]
        if short:
            raise CheckoutError(f"Not enough stock: {'; '.join(short)}.")
        if card_number in CARD_FAILURES:
            raise CheckoutError(CARD_FAILURES[card_number])
        total = sum((p.price * wanted[p.pk] for p in products), Decimal(0))
        order = Order.objects.create(user=user, total=total, card_last4=card_number[-4:])
        OrderLine.objects.bulk_create(
            OrderLine(order=order, product=p, quantity=wanted[p.pk], unit_price=p.price) for p in products
        )
        for product in products:
            Product.objects.filter(pk=product.pk).update(stock=F("stock") - wanted[product.pk])
        caching.products_changed(*wanted)  # update() sends no post_save: the new stock is shown from here on
    return order


def checkout_key(request: HttpRequest) -> str:
    """The name of the checkout the payment page shows, kept in the session until it is paid."""
    key: str = request.session.setdefault(CHECKOUT_KEY, f"checkout-{secrets.token_urlsafe(18)}")
    return key


@login_required(login_url="monolith:login")
@never_cache
def checkout(request: HtmxHttpRequest) -> HttpResponse:
    """The payment page: the lines ticked in the bag, and the card form."""
    paid = request.session.get(PAID_KEYS, {}).get(request.POST.get("key", ""))
    if paid is not None:  # this checkout is paid already (Pay sent twice): its order
        return go_to(request, reverse("monolith:thanks", args=[paid]))
    context = bag_context(request)  # checkout reaches into the bag's helper and the session cart
    if not context["selected"]:
        messages.info(request, "There is nothing to pay yet: choose what to buy in your bag first.")
        return go_to(request, reverse("monolith:bag"))
    form = CardForm(request.POST or None, initial={"key": checkout_key(request)})
    error = None
    if form.is_valid():
        try:
            order = place_order(request.user, context["selected"], form.cleaned_data["number"])
        except CheckoutError as refused:
            error = str(refused)
        else:
            cart_remove(request, {line.product.pk for line in context["selected"]})
            request.session[PAID_KEYS] = {request.session.pop(CHECKOUT_KEY, ""): order.pk}
            return go_to(request, reverse("monolith:thanks", args=[order.pk]))
    context = {**context, "form": form, "error": error, "test_cards": TEST_CARDS}
    status = 422 if form.errors or error else 200
    if request.htmx:  # Pay refused: the payment step again, its problems on top
        html = render_to_string("monolith/checkout.html#payment", context, request)
        return htmx_answer(request, html, status, changed=False)
    return render_page(request, "monolith/checkout.html", context, status)


def own_orders(user: Any) -> QuerySet[Order]:
    """The visitor's orders, newest first (the views that ask need a login: `user` is never anonymous)."""
    return Order.objects.filter(user=user)


def own_order(request: HttpRequest, pk: int) -> Order | None:
    """One of the visitor's orders with its lines; None for another visitor's, or none."""
    return own_orders(request.user).filter(pk=pk).prefetch_related("lines__product").first()


@login_required(login_url="monolith:login")
@never_cache
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    order = own_order(request, pk)
    if order is None:
        return page_not_found(request, f"There is no order {pk} of yours.")
    return render_page(request, "monolith/thanks.html", {"order": order})


@login_required(login_url="monolith:login")
@never_cache
def orders(request: HttpRequest) -> HttpResponse:
    placed = own_orders(request.user).annotate(items=Sum("lines__quantity"))[:PAGE_SIZE]
    return render_page(request, "monolith/orders.html", {"orders": placed})


@login_required(login_url="monolith:login")
@never_cache
def order(request: HttpRequest, pk: int) -> HttpResponse:
    found = own_order(request, pk)
    if found is None:
        return page_not_found(request, f"There is no order {pk} of yours.")
    return render_page(request, "monolith/order.html", {"order": found})


class LoginView(auth_views.LoginView):
    template_name = "monolith/login.html"
    next_page = "monolith:product-list"  # a URL name: the view resolves it (resolve_url)
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Sent here from a page behind a login ("Go to payment"): say why, rather than show a bare form.
        reason = login_reason(self.get_redirect_url())
        return {**super().get_context_data(**kwargs), "reason": reason, "cart_count": cart_count(self.request)}

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        account = form.get_user()
        messages.success(self.request, f"Welcome back, {account.get_full_name() or account.get_username()}.")
        return response


class LogoutView(auth_views.LogoutView):
    next_page = "monolith:product-list"  # a URL name: the view resolves it (resolve_url)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You have been logged out.")  # logging out emptied the session: the cart too
        htmx = cast(HtmxHttpRequest, request).htmx
        if htmx:  # the page again, logged out; or the products, if the page was one behind the login
            private = login_reason(htmx.current_url_abs_path or "") is not None
            return HttpResponseClientRedirect(reverse(self.next_page)) if private else HttpResponseClientRefresh()
        return response


def login_reason(url: str) -> str | None:
    """Why the page at `url` asks for a login, or None for a page anyone may see (or no page of the shop)."""
    try:
        return LOGIN_REASONS.get(resolve(urlsplit(url).path).view_name)
    except Resolver404:
        return None
