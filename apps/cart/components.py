"""The components this remote exposes: functions of (request, props) that return HTML."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from apps.cart.props import BagProps


def bag(request: HttpRequest, props: BagProps) -> str:
    """The bag page: the visitor's lines, or the empty-bag state."""
    return render_to_string("cart/bag.html", {"products_href": props.products_href}, request)
