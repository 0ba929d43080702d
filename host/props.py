"""The props the host supplies to remotes: one place, so a remote never needs to know a host route."""

from typing import Any
from urllib.parse import quote

from django.http import HttpRequest
from django.urls import reverse

from federation.mounting import current_page_path


def product_href(product_id: int) -> str:
    """The host's route for one product."""
    return reverse("product-detail", kwargs={"product_numeric_id": product_id})


def host_props(request: HttpRequest, **route_params: Any) -> dict[str, Any]:
    """Everything the host offers; each component takes only the props its dataclass declares."""
    return {
        "product_href": product_href,
        "products_href": reverse("home"),
        "bag_href": reverse("bag"),
        "orders_href": reverse("orders"),
        "login_href": f"{reverse('login')}?next={quote(current_page_path(request))}",
        **route_params,
    }
