"""The analytics remote's own dev server: its beacon endpoint, and the admin to read what it recorded."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("apps.analytics.urls")),
    path("admin/", admin.site.urls),
]
