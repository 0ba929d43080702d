"""The host's URLconf plus a view that fails, to see the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from host.urls import handler404, handler500
from host.urls import urlpatterns as host_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("unexpected")


urlpatterns = [path("boom/", boom), *host_urlpatterns]
