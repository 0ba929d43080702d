"""The host's route table: it owns every URL and mounts a remote component on each page by name."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from host import accounts, views
from host.over_http.proxy import proxy
from host.pages import PAGES
from host.registry import remotes


def remote_urlpatterns() -> list[URLPattern | URLResolver]:
    """Each remote's own URLconf under its prefix, namespaced by its name: included, or proxied to its server."""
    patterns: list[URLPattern | URLResolver] = []
    for remote in remotes().values():
        if remote.config is None:
            proxied = [re_path(r"^(?P<subpath>.*)$", proxy, {"remote": remote}, name="proxy")]
            patterns.append(path(remote.url_prefix, include((proxied, remote.name))))
        else:
            patterns.append(path(remote.url_prefix, include(f"{remote.config.name}.urls")))
    return patterns


urlpatterns = [
    # The host's pages, one route each, as host/pages.py declares them.
    *(path(declared.route, views.page(declared), name=declared.name) for declared in PAGES),
    path("login/", accounts.ShopLoginView.as_view(), name="login"),
    path("logout/", accounts.logout, name="logout"),
    path("favicon.ico", views.favicon),
    path("fragments/<str:remote>/<str:component>/", views.fragment, name="fragment"),
    path("status/remotes/", views.remotes_status, name="remotes-status"),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    *remote_urlpatterns(),
    # The monolith is included by its dotted name like the remotes: nothing in the host imports it.
    *([path("monolith/", include("monolith.urls"))] if settings.MONOLITH["ENABLED"] else []),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    # Last: any other path gets the shop's 404 inside the layout, with DEBUG on too.
    re_path(r"^(?P<path>.*)$", views.unknown_path),
]

handler404 = "host.views.page_not_found"
handler500 = "host.views.server_error"
