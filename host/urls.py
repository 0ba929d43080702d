"""The host's route table: it owns every URL and mounts a remote component on each page by name."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from host import accounts, views
from host.over_http.proxy import proxy
from host.registry import remotes

page = views.page


def remote_urlpatterns() -> list[URLPattern | URLResolver]:
    """Each remote's own URLconf under its prefix, namespaced by its name: included, or proxied to its server."""
    patterns: list[URLPattern | URLResolver] = []
    for remote in remotes().values():
        if remote.config is None:
            proxied = [re_path(r"^(?P<subpath>.*)$", proxy, {"remote": remote}, name="proxy")]
            patterns.append(path(remote.url_prefix, include((proxied, remote.name))))
        else:
            patterns.append(path(remote.url_prefix, include(f"{remote.config.name}.urls")))
    return patterns


urlpatterns = [
    path("", page("products/ProductList", title="Products"), name="home"),
    path("product/<int:product_numeric_id>/", page("products/ProductDetail", title="Product"), name="product-detail"),
    path("bag/", page("cart/Bag", title="Your bag", aside="host/CheckoutSummary"), name="bag"),
    path(
        "checkout/payment/",
        page(
            "payment/Payment",
            title="Payment",
            login_required=True,
            login_reason="Log in to pay. Your bag is kept: you come straight back to the payment step.",
        ),
        name="payment",
    ),
    path(
        "checkout/thanks/<int:order_numeric_id>/",
        page("payment/Thanks", title="Thank you", login_required=True, login_reason="Log in to see your order."),
        name="thanks",
    ),
    path(
        "account/orders/",
        page("payment/Orders", title="Your orders", login_required=True, login_reason="Log in to see your orders."),
        name="orders",
    ),
    path(
        "account/orders/<int:order_numeric_id>/",
        page("payment/Order", title="Your order", login_required=True, login_reason="Log in to see your order."),
        name="order",
    ),
    path("login/", accounts.ShopLoginView.as_view(), name="login"),
    path("logout/", accounts.logout, name="logout"),
    path("favicon.ico", views.favicon),
    path("fragments/<str:remote>/<str:component>/", views.fragment, name="fragment"),
    path("status/remotes/", views.remotes_status, name="remotes-status"),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    *remote_urlpatterns(),
    # The monolith is included by its dotted name like the remotes: nothing in the host imports it.
    *([path("monolith/", include("monolith.urls"))] if settings.MONOLITH["ENABLED"] else []),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    # Last: any other path gets the shop's 404 inside the layout, with DEBUG on too.
    re_path(r"^(?P<path>.*)$", views.unknown_path),
]

handler404 = "host.views.page_not_found"
handler500 = "host.views.server_error"
