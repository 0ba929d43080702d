"""The cart remote's own dev server: its pages at /, and the API it depends on at /api/."""

from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cart:bag")),
    path("", include("apps.cart.urls")),
    path("api/", include("api.urls")),
]
