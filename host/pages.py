"""The host's pages, declared once: each one's route, the component it shows and whether it needs a login.

The URLconf builds a route from each (host/urls.py), the login guard and the login page read why one needs a
login, the fragment endpoint refuses an anonymous visitor a component of such a page, and the props take a
page's route parameters from it (host/props.py). A new page is one more row here.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import Resolver404, ResolverMatch, resolve


@dataclass(frozen=True, kw_only=True)
class Page:
    """One page of the host: a remote component mounted as its main content, in the layout."""

    name: str
    """Its URL name, for `reverse` (e.g. "product-detail")."""
    route: str
    """Its route, Django's syntax; its parameters are the page's props (e.g. `product_numeric_id`)."""
    component: str
    """The component shown as its main content, by qualified name."""
    title: str
    """Its <title> (its content may name it better through `on_page_title`)."""
    aside: str | None = None
    """A second component rendered after the main one (the bag's checkout summary)."""
    login_reason: str | None = None
    """Why it needs a login, for the login page to say; None for a page anyone may see."""

    @property
    def login_required(self) -> bool:
        return self.login_reason is not None

    @property
    def components(self) -> tuple[str, ...]:
        return (self.component, *([self.aside] if self.aside else []))


PAGES: tuple[Page, ...] = (
    Page(name="home", route="", component="products/ProductList", title="Products"),
    Page(
        name="product-detail",
        route="product/<int:product_numeric_id>/",
        component="products/ProductDetail",
        title="Product",
    ),
    Page(name="bag", route="bag/", component="cart/Bag", title="Your bag", aside="host/CheckoutSummary"),
    Page(
        name="payment",
        route="checkout/payment/",
        component="payment/Payment",
        title="Payment",
        login_reason="Log in to pay. Your bag is kept: you come straight back to the payment step.",
    ),
    Page(
        name="thanks",
        route="checkout/thanks/<int:order_numeric_id>/",
        component="payment/Thanks",
        title="Thank you",
        login_reason="Log in to see your order.",
    ),
    Page(
        name="orders",
        route="account/orders/",
        component="payment/Orders",
        title="Your orders",
        login_reason="Log in to see your orders.",
    ),
    Page(
        name="order",
        route="account/orders/<int:order_numeric_id>/",
        component="payment/Order",
        title="Your order",
        login_reason="Log in to see your order.",
    ),
)


@cache
def _by_name() -> dict[str, Page]:
    return {page.name: page for page in PAGES}


def page_of(match: ResolverMatch | None) -> Page | None:
    """The host page a resolved URL is, or None for any other route (a remote's endpoint, the API…)."""
    if match is None or match.namespace:
        return None
    return _by_name().get(match.url_name or "")


def page_at(path: str) -> Page | None:
    """The host page at `path`, or None."""
    try:
        return page_of(resolve(path))
    except Resolver404:
        return None


def needs_login(component: str) -> bool:
    """Whether `component` is shown on a page that needs a login (its fragment then needs one too)."""
    return any(page.login_required and component in page.components for page in PAGES)
