"""Host views: each page of host/pages.py mounts its component in the layout; plus the shop's error pages."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import decorators as auth
from django.core.exceptions import ImproperlyConfigured
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from federation.components import MissingProps
from federation.events import emit
from host.boundaries import failures, status_of
from host.context_processors import layout_components
from host.mount import component as load_component
from host.mount import mount, prefetch_page
from host.over_http.manifest import remote_status
from host.pages import Page, needs_login
from host.props import offered
from host.state import host_state
from shared_store import get_store


def page(declared: Page) -> Callable[..., HttpResponse]:
    """The view of a host page (host/pages.py): its component as the main content, route params as props.

    The page's aside is rendered after it. A component may answer with a response instead of HTML (it called
    `handle_navigate`): the page returns it as it is.
    """

    def view(request: HttpRequest, **route_params: object) -> HttpResponse:
        emit(request, "host:page-view", path=request.path)
        # A visitor who sees a page has a store (and so a session) before they click anything: two quick clicks
        # of a brand-new visitor then write to one store, rather than each making a session of its own, of which
        # the browser would keep only the last.
        get_store(request).ensure_store_id()
        props = offered(request)  # with the route's parameters (e.g. product_numeric_id)
        prefetch_page(request, [*declared.components, *layout_components()], props)
        try:
            content = mount(request, declared.component, props)
        except Http404 as exc:
            return page_not_found(request, exc)
        if isinstance(content, HttpResponse):
            return content
        main_failed = next((f for f in failures(request) if f.qualified_name == declared.component), None)
        side = mount(request, declared.aside, props) if declared.aside else ""
        # A page behind a login (checkout, orders) shows personal data: htmx must never keep a copy of it in
        # its history cache (localStorage), where it would outlive the session.
        context = {
            "title": host_state(request).page_title or declared.title,  # the content may have named the page
            "content": content,
            "aside": side,
            "private_page": declared.login_required,
        }
        # The page's own content failed: keep the layout, but do not pretend it worked.
        response = render(request, "host/page.html", context, status=status_of(main_failed) if main_failed else 200)
        if declared.login_required:
            # Nor may the browser: no copy on disk, and none shown again by "Back" once the visitor logged out.
            add_never_cache_headers(response)
        return response

    view.__name__ = view.__qualname__ = f"page[{declared.name}]"
    # Anonymous on a page behind a login: the login page, with ?next= here and the page's login_reason.
    return auth.login_required(view) if declared.login_required else view


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The shop's 404, inside the host layout (also Django's handler404)."""
    message = str(exception) if isinstance(exception, Http404) and exception.args else ""
    html = render_to_string("404.html", {"message": message}, request)
    return HttpResponseNotFound(html)


def unknown_path(request: HttpRequest, path: str) -> HttpResponse:
    """Catch-all: keep APPEND_SLASH's redirect, else the shop's 404 (even with DEBUG on)."""
    if settings.APPEND_SLASH and not request.path_info.endswith("/"):
        try:
            match = resolve(f"{request.path_info}/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unknown_path:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return page_not_found(request)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico before they read the page's icon link: send them to it."""
    return HttpResponsePermanentRedirect(static("host/favicon.svg"))


def server_error(request: HttpRequest) -> HttpResponse:
    """The shop's 500: a static page, because anything dynamic may be what failed."""
    return render(request, "500.html", status=500)


@require_safe
def fragment(request: HttpRequest, remote: str, component: str) -> HttpResponse:
    """One mounted component, alone, with the props of the page it is on: the fallback's "Try again"."""
    qualified_name = f"{remote}/{component}"
    try:
        loaded = load_component(qualified_name)
    except ImproperlyConfigured as exc:
        raise Http404(f"There is no component {qualified_name}.") from exc
    if not getattr(loaded, "exposed", True):  # a remote on its own server, whose version has no such component
        raise Http404(f"There is no component {qualified_name}.")
    if needs_login(qualified_name) and not request.user.is_authenticated:
        return HttpResponseForbidden("Log in to see this.")
    props = offered(request)  # with the parameters of the page it is on
    try:
        loaded.props_from(props)
    except MissingProps:
        # Its page gives it what it needs (a product's id, an order's): asked for alone, it has nothing to show.
        return HttpResponseBadRequest("This part of a page can only be shown on its page. Reload the page.")
    return HttpResponse(mount(request, qualified_name, props))


@require_safe
@staff_member_required
def remotes_status(request: HttpRequest) -> JsonResponse:
    """For an operator (staff): what this host process knows of each remote on its own server, the version it
    uses and what it cannot use of it (host/over_http/manifest.py). Never cached: it is the state of this moment."""
    response = JsonResponse(remote_status())
    add_never_cache_headers(response)
    return response
