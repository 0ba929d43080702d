"""Host views: each page mounts one remote component in the layout; plus the shop's error pages."""

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
from federation.context import request_context
from federation.events import emit
from host.boundaries import failures, status_of
from host.context_processors import layout_components
from host.mount import component as load_component
from host.mount import mount, prefetch_page
from host.over_http.manifest import remote_status
from host.props import offered
from shared_store import get_store

# Components of pages that need a login; their fragments need one too.
LOGIN_REQUIRED: set[str] = set()


def page(
    component_name: str,
    *,
    title: str,
    login_required: bool = False,
    login_reason: str = "Log in to see this page.",
    aside: str | None = None,
) -> Callable[..., HttpResponse]:
    """A view that renders `component_name` as the page's main content, passing route params as props.

    `aside` names a second component rendered after it (e.g. the host's checkout summary). A component may
    answer with a response instead of HTML (it called `handle_navigate`): the page returns it as it is.
    `login_reason` is what the login page says to a visitor it was sent to from here.
    """

    if login_required:
        LOGIN_REQUIRED.add(component_name)

    def view(request: HttpRequest, **route_params: object) -> HttpResponse:
        emit(request, "host:page-view", path=request.path)
        # A visitor who sees a page has a store (and so a session) before they click anything: two quick clicks
        # of a brand-new visitor then write to one store, rather than each making a session of its own, of which
        # the browser would keep only the last.
        get_store(request).ensure_store_id()
        props = offered(request)  # with the route's parameters (e.g. product_numeric_id)
        prefetch_page(request, [component_name, *([aside] if aside else []), *layout_components()], props)
        try:
            content = mount(request, component_name, props)
        except Http404 as exc:
            return page_not_found(request, exc)
        if isinstance(content, HttpResponse):
            return content
        main_failed = next((f for f in failures(request) if f.qualified_name == component_name), None)
        side = mount(request, aside, props) if aside else ""
        # A page behind a login (checkout, orders) shows personal data: htmx must never keep a copy of it in
        # its history cache (localStorage), where it would outlive the session.
        context = {
            "title": request_context(request).page_title or title,  # the content may have named the page
            "content": content,
            "aside": side,
            "private_page": login_required,
        }
        # The page's own content failed: keep the layout, but do not pretend it worked.
        response = render(request, "host/page.html", context, status=status_of(main_failed) if main_failed else 200)
        if login_required:
            # Nor may the browser: no copy on disk, and none shown again by "Back" once the visitor logged out.
            add_never_cache_headers(response)
        return response

    view.__name__ = view.__qualname__ = f"page[{component_name}]"
    guarded = auth.login_required(view) if login_required else view  # anonymous: the login page, ?next= here
    guarded.login_reason = login_reason if login_required else None  # type: ignore[attr-defined]
    guarded.host_page = True  # type: ignore[attr-defined]  # its route's parameters are the page's (host/props.py)
    return guarded


def login_reason(path: str) -> str | None:
    """Why the page at `path` needs a login, if it is one of the host's pages behind one."""
    try:
        return getattr(resolve(path).func, "login_reason", None)
    except Resolver404:
        return None


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
    if qualified_name in LOGIN_REQUIRED and not request.user.is_authenticated:
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
