"""The products remote's own dev server: its pages at /, and the API it depends on at /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("apps.products.urls")),
    path("api/", include("api.urls")),
]
