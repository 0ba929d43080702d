"""Routes of a remote served alone for a host (federation/served_settings.py)."""

from django.conf import settings
from django.urls import include, path

from federation.over_http import served

urlpatterns = [
    path("_federation/manifest.json", served.manifest, name="federation-manifest"),
    path("_federation/render/", served.render_components, name="federation-render-batch"),
    path("_federation/render/<str:component>/", served.render_component, name="federation-render"),
    # Only federation/served_settings.py defines these; mypy knows the host's settings (host.settings).
    path(settings.REMOTE_URL_PREFIX, include(f"{settings.REMOTE_APP}.urls")),  # type: ignore[misc]
    # The remote calls the API through the shared client, in-process: its routes must resolve here too.
    path("api/", include("api.urls")),
]
