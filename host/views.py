"""Host views: each page mounts one remote component in the layout; plus the shop's error pages."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import auth, messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.http import require_POST

from host.federation import mount
from host.props import host_props
from shared_store import dispatch
from shared_store.slices.user import ClearUser


def page(component_name: str, *, title: str) -> Callable[..., HttpResponse]:
    """A view that renders `component_name` as the page's main content, passing route params as props."""

    def view(request: HttpRequest, **route_params: object) -> HttpResponse:
        try:
            content = mount(request, component_name, host_props(request, **route_params))
        except Http404 as exc:
            return page_not_found(request, exc)
        return render(request, "host/page.html", {"title": title, "content": content})

    view.__name__ = view.__qualname__ = f"page[{component_name}]"
    return view


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


def server_error(request: HttpRequest) -> HttpResponse:
    """The shop's 500: a static page, because anything dynamic may be what failed."""
    return render(request, "500.html", status=500)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out: `user/clearUser` empties user data in the store (every subscriber re-renders), then the session."""
    dispatch(request, ClearUser())
    auth.logout(request)
    messages.info(request, "You have been logged out.")
    if request.htmx:
        return HttpResponse()  # the composition middleware adds the re-rendered subscribers and the toast
    return HttpResponseRedirect(reverse("home"), status=303)
