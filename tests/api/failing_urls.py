"""A URLconf whose API endpoint fails, to see how the shared client reports a 5xx."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the API broke")


def teapot(request: HttpRequest) -> HttpResponse:
    return HttpResponse('{"detail": "I am a teapot"}', status=418, content_type="application/json")


def echo(request: HttpRequest) -> HttpResponse:
    import json

    body = {"method": request.method, "host": request.get_host(), "accept": request.headers.get("Accept")}
    return HttpResponse(json.dumps(body), content_type="application/json")


urlpatterns = [
    path("api/boom/", boom),
    path("api/teapot/", teapot),
    path("api/echo/", echo),
]
