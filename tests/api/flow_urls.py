"""The host's URLconf plus API endpoints that answer 401 or 403 to any token, for the auth-flow tests."""

from django.urls import path
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from host.urls import urlpatterns as host_urlpatterns


class AlwaysUnauthorized(APIView):
    def get(self, request: Request) -> Response:
        raise NotAuthenticated("This endpoint refuses every token.")


class Forbidden(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        raise PermissionDenied("You may not see this.")


urlpatterns = [
    path("api/test/always-401/", AlwaysUnauthorized.as_view()),
    path("api/test/forbidden/", Forbidden.as_view()),
    *host_urlpatterns,
]
