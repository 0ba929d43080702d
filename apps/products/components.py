"""The components this remote exposes: functions of (request, props) that return HTML."""

import re

from django.http import Http404, HttpRequest
from django.template.loader import render_to_string

from api.client import ApiError, ApiNotFound, api_client
from apps.products import catalog
from apps.products.props import ProductDetailProps, ProductListProps
from federation.components import current_page_path
from federation.events import emit

UNAVAILABLE = "The catalog can't be reached right now. Please try again in a moment."
# Cards whose image loads at once: the grid's first row at desktop width (four 14rem columns in the 72rem main).
EAGER_IMAGES = 4


def product_list(request: HttpRequest, props: ProductListProps) -> str:
    """The catalog grid, one page at a time (`?page=N`)."""
    number = _page_number(request.GET.get("page", "1"))
    context: dict[str, object] = {"error": None, "next": current_page_path(request), "eager_images": EAGER_IMAGES}
    try:
        page = catalog.product_page(api_client(request), number=number)
    except ApiNotFound as exc:
        raise Http404(f"There is no page {number} of products.") from exc
    except ApiError:
        context["error"] = UNAVAILABLE
    else:
        context["page"] = page
        context["cards"] = [(product, props.product_href(product.id)) for product in page.products]
    return render_to_string("products/product_list.html", context, request)


def product_detail(request: HttpRequest, props: ProductDetailProps) -> str:
    """One product with its description, price and stock."""
    context: dict[str, object] = {
        "error": None,
        "products_href": props.products_href,
        "next": current_page_path(request),
    }
    try:
        product = catalog.product_get(api_client(request), product_id=props.product_numeric_id)
        context["product"] = product
        props.on_page_title(product.name)
        emit(request, "products:viewed", product_id=props.product_numeric_id)
    except ApiNotFound as exc:
        raise Http404(f"There is no product with id {props.product_numeric_id}.") from exc
    except ApiError:
        context["error"] = UNAVAILABLE
    return render_to_string("products/product_detail.html", context, request)


# ASCII digits only (str.isdigit() accepts "²", which int() refuses) and few of them: a catalog page number
# never needs more, and int() refuses thousands of digits.
PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def _page_number(raw: str) -> int:
    if not PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise Http404("Page numbers are whole numbers from 1.")
    return int(raw)
