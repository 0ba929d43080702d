"""The products remote's own endpoints: its components as standalone pages, or bare fragments for htmx."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from apps.products import components
from apps.products.props import ProductDetailProps, ProductListProps
from federation.standalone import render_standalone


def product_list(request: HttpRequest) -> HttpResponse:
    props = ProductListProps(product_href=lambda product_id: reverse("products:detail", args=[product_id]))
    html = components.product_list(request, props)
    return render_standalone(request, html, remote="products", title="Products")


def product_detail(request: HttpRequest, product_numeric_id: int) -> HttpResponse:
    props = ProductDetailProps(product_numeric_id=product_numeric_id, products_href=reverse("products:list"))
    html = components.product_detail(request, props)
    return render_standalone(request, html, remote="products", title="Product")
