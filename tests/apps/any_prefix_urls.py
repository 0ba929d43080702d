"""A URLconf that includes every remote under prefixes of its own choosing."""

from django.urls import include, path

urlpatterns = [
    path("shop/items/", include("apps.products.urls")),
    path("deep/down/cart/", include("apps.cart.urls")),
    path("x/", include("apps.payment.urls")),
    path("api/", include("api.urls")),
]
