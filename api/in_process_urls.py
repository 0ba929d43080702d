"""The URLconf of in-process API calls: the API alone, at the path it has on the site, answering errors in JSON.

A nested call resolves here, not through the site's URLconf, so it can never reach a host page (whose
templates and middleware expect a browser's request).
"""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    message = "There is nothing at this address of the API."
    return JsonResponse({"error": {"status": 404, "code": "not_found", "message": message, "fields": {}}},
                        status=404)  # fmt: skip


def server_error(request: HttpRequest) -> JsonResponse:
    message = "The API hit an error it did not expect."
    return JsonResponse({"error": {"status": 500, "code": "error", "message": message, "fields": {}}}, status=500)


urlpatterns = [path("api/", include("api.urls"))]
handler404 = not_found
handler500 = server_error
