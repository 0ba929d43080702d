"""Every page of the monolith, in one module: views share helpers and reach into each other's data.

That is what makes a monolith quick to start and hard to split: the product pages need the cart for the
header, checkout reuses the bag's helper and reads the session cart directly, and one template tree
(`templates/monolith/`) holds every page. The tutorial's chapter 1 walks through these couplings.
"""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from monolith import caching
from monolith.cart import Line, cart_add, cart_clear, cart_count, cart_items, cart_lines, cart_set
from monolith.forms import AddToCartForm, CheckoutForm, QuantityForm
from monolith.models import Order, OrderLine, Product

PAGE_SIZE = 24  # as the federated shop (api/pagination.py): the benchmark compares equal pages
DECLINED_CARD = "4000000000000002"


class CheckoutError(Exception):
    """The order was not placed; the message says why, for a person."""


def render_page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """Render a page with the header's cart count: every page depends on the cart."""
    return render(request, template, {**context, "cart_count": cart_count(request)}, status=status)


def product_list(request: HttpRequest) -> HttpResponse:
    page = caching.catalog_page(request.GET.get("page"), per_page=PAGE_SIZE)
    return render_page(request, "monolith/product_list.html", {"page": page})


def product_detail(request: HttpRequest, pk: int, form: AddToCartForm | None = None) -> HttpResponse:
    product = caching.product_get(pk)
    status = 400 if form is not None else 200
    context = {"product": product, "form": form or AddToCartForm()}
    return render_page(request, "monolith/product_detail.html", context, status)


@require_POST
def add_to_cart(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=pk)
    form = AddToCartForm(request.POST)
    if form.is_valid():
        try:
            cart_add(request, product, form.cleaned_data["quantity"])
        except ValueError as error:
            form.add_error("quantity", str(error))
    if form.errors:
        return product_detail(request, pk, form=form)  # a view calling another view
    messages.success(request, f"{product.name} is in your cart.")
    return redirect("monolith:product-detail", pk=pk)


def bag_context(request: HttpRequest) -> dict[str, Any]:
    """The cart's lines and total; the bag page and checkout both use it."""
    lines = cart_lines(request)
    return {"lines": lines, "total": sum((line.subtotal for line in lines), Decimal(0))}


def bag(request: HttpRequest, errors: dict[int, QuantityForm] | None = None, status: int = 200) -> HttpResponse:
    return render_page(request, "monolith/bag.html", {**bag_context(request), "errors": errors or {}}, status)


@require_POST
def bag_update(request: HttpRequest, pk: int) -> HttpResponse:
    if pk not in cart_items(request):
        raise Http404("That product is not in your cart.")
    form = QuantityForm(request.POST)
    if not form.is_valid():
        return bag(request, errors={pk: form}, status=400)
    cart_set(request, pk, form.cleaned_data["quantity"])
    return redirect("monolith:bag")


def place_order(user: Any, lines: list[Line], card_number: str) -> Order:
    """Take the quantities out of stock and record the order at current prices, all or nothing."""
    with transaction.atomic():
        wanted = {line.product.pk: line.quantity for line in lines}
        products = list(Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
        short = [f"only {p.stock} of {p.name} left" for p in products if p.stock < wanted[p.pk]]
        if short:
            raise CheckoutError(f"Not enough stock: {'; '.join(short)}.")
        if card_number == DECLINED_CARD:
            raise CheckoutError("Your card was declined. Nothing was charged; try another card.")
        total = sum((p.price * wanted[p.pk] for p in products), Decimal(0))
        order = Order.objects.create(user=user, total=total, card_last4=card_number[-4:])
        OrderLine.objects.bulk_create(
            OrderLine(order=order, product=p, quantity=wanted[p.pk], unit_price=p.price) for p in products
        )
        for product in products:
            Product.objects.filter(pk=product.pk).update(stock=F("stock") - wanted[product.pk])
        caching.products_changed(*wanted)  # update() sends no post_save: the new stock is shown from here on
    return order


@login_required(login_url="monolith:login")
def checkout(request: HttpRequest) -> HttpResponse:
    context = bag_context(request)  # checkout reaches into the bag's helper and the session cart
    if not context["lines"]:
        messages.info(request, "Your cart is empty.")
        return redirect("monolith:bag")
    form = CheckoutForm(request.POST or None)
    if form.is_valid():
        try:
            order = place_order(request.user, context["lines"], form.cleaned_data["card_number"])
        except CheckoutError as error:
            form.add_error(None, str(error))
        else:
            cart_clear(request)
            return redirect("monolith:thanks", pk=order.pk)
    status = 400 if form.errors else 200
    return render_page(request, "monolith/checkout.html", {**context, "form": form}, status)


@login_required(login_url="monolith:login")
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(Order.objects.prefetch_related("lines__product"), pk=pk, user=request.user)
    return render_page(request, "monolith/thanks.html", {"order": order})


class LoginView(auth_views.LoginView):
    template_name = "monolith/login.html"
    next_page = "monolith:product-list"  # a URL name: the view resolves it (resolve_url)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "cart_count": cart_count(self.request)}


class LogoutView(auth_views.LogoutView):
    next_page = "monolith:product-list"  # a URL name: the view resolves it (resolve_url)
