"""The payment remote's own dev server: its pages at /, and the API it depends on at /api/."""

from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="payment:payment")),
    path("", include("apps.payment.urls")),
    path("api/", include("api.urls")),
]
