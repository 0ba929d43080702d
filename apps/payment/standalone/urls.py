"""The payment remote's own dev server: its pages at /, a login, and the API it depends on at /api/."""

from django.urls import include, path
from django.views.generic import RedirectView

from apps.payment.standalone.views import StandaloneLoginView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="payment:payment")),
    path("login/", StandaloneLoginView.as_view(next_page="payment:orders"), name="login"),
    path("", include("apps.payment.urls")),
    path("api/", include("api.urls")),
]
