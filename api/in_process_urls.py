"""The URLconf of in-process API calls: the API alone, at the path it has on the site, answering errors in JSON.

A nested call resolves here, not through the site's URLconf, so it can never reach a host page (whose
templates and middleware expect a browser's request).
"""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from config.errors import error_response


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error_response(404, "not_found", "There is nothing at this address of the API.")


def server_error(request: HttpRequest) -> JsonResponse:
    return error_response(500, "error", "The API hit an error it did not expect.")


urlpatterns = [path("api/", include("api.urls"))]
handler404 = not_found
handler500 = server_error
