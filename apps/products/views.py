"""The products remote's own endpoints: its components as standalone pages, fragments for htmx, its actions."""

from functools import partial

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from api.client import ApiError, ApiNotFound
from apps.products import components, services
from apps.products.forms import AddToCartForm
from apps.products.props import AddToCartProps, ProductDetailProps, ProductListProps
from federation.components import next_url, props_for
from federation.events import emit
from federation.htmx import HtmxHttpRequest
from federation.standalone import render_standalone, show_message
from shared_store import ActionRejected


def product_list(request: HttpRequest) -> HttpResponse:
    props = ProductListProps(product_href=lambda product_id: reverse("products:detail", args=[product_id]))
    html = components.product_list(request, props)
    return render_standalone(request, "products/ProductList", html, title="Products")


def product_detail(request: HttpRequest, product_numeric_id: int) -> HttpResponse:
    named: list[str] = []
    props = ProductDetailProps(
        product_numeric_id=product_numeric_id, products_href=reverse("products:list"), on_page_title=named.append
    )
    html = components.product_detail(request, props)
    return render_standalone(request, "products/ProductDetail", html, title=named[-1] if named else "Product")


@require_POST
def add_to_cart(request: HtmxHttpRequest, product_numeric_id: int) -> HttpResponse:
    """Add to the shared cart; htmx gets the form back (with an error if any), a plain post is redirected."""
    props = props_for(request, AddToCartProps, on_show_toast=partial(show_message, request))
    form = AddToCartForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            product = services.cart_add(request, product_id=product_numeric_id, quantity=form.cleaned_data["quantity"])
        except ApiNotFound:
            form.add_error(None, "This product is no longer in the catalog.")
            status = 404
        except ApiError:
            form.add_error(None, components.UNAVAILABLE)
            status = 503
        except ActionRejected as exc:
            form.add_error("quantity", exc.message)
        else:
            props.on_show_toast(f"Added {product.name} to your bag, now {services.bag_summary(request)}.", "success")
            emit(request, "cart:item-added", product_id=product.id, quantity=form.cleaned_data["quantity"])
    if form.errors and status == 200:
        status = 422
    error = str(next(iter(form.errors.values()))[0]) if form.errors else None
    if not request.htmx:
        if error:
            props.on_show_toast(error, "error")
        return HttpResponseRedirect(next_url(request, reverse("products:list")), status=303)
    with_quantity = request.POST.get("with_quantity") == "1"
    context = {
        "product_id": product_numeric_id,
        "next": next_url(request, reverse("products:list")),
        "with_quantity": with_quantity,
        "quantity": request.POST.get("quantity", 1) if error else 1,
        "error": error,
        # The error is the quantity's when this form shows that field: the field then takes the focus.
        "quantity_invalid": with_quantity and "quantity" in form.errors,
        "htmx_answer": True,
    }
    return render(request, "products/add_to_cart.html", context, status=status)
