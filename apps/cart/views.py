"""The cart remote's own endpoints: its components as standalone pages, or bare fragments for htmx."""

from django.http import HttpRequest, HttpResponse

from apps.cart import components
from apps.cart.props import BagProps
from federation.standalone import render_standalone


def bag(request: HttpRequest) -> HttpResponse:
    # Standalone, the cart has no catalog of its own: "Continue shopping" goes to the dev server's root.
    html = components.bag(request, BagProps(products_href="/"))
    return render_standalone(request, html, remote="cart", title="Your bag")
