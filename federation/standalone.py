"""Helpers for a remote that runs alone on its own dev server, the way a federated remote does."""

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from config.lockout import lockout_message
from federation.components import wrap
from federation.remote import RemoteConfig, stylesheets_of

TOAST_LEVELS = {"info": messages.INFO, "success": messages.SUCCESS, "error": messages.ERROR, "status": messages.INFO}
# A "status" toast is said to a screen reader and not shown: the page already shows what it says.
ANNOUNCE_ONLY = "announce"


def show_message(request: HttpRequest, message: str, level: str = "info") -> None:
    """An `on_show_toast` for any host: queue a Django message at the toast's level (unknown levels are info)."""
    extra_tags = ANNOUNCE_ONLY if level == "status" else ""
    messages.add_message(request, TOAST_LEVELS.get(level, messages.INFO), message, extra_tags=extra_tags)


def render_standalone(
    request: HttpRequest, component: str, html: str, *, title: str, status: int = 200
) -> HttpResponse:
    """Answer htmx with the bare fragment, and a full page with the component in the remote's own shell.

    `component` is the qualified name ("cart/Bag"), so the mount point matches the one a host renders.
    """
    if getattr(request, "htmx", False):
        return HttpResponse(html, status=status)
    remote, _, name = component.partition("/")
    config = apps.get_app_config(remote)
    stylesheets = stylesheets_of(config, name) if isinstance(config, RemoteConfig) else []
    content = wrap(component, html)
    context = {"remote": remote, "title": title, "content": content, "stylesheets": stylesheets}
    return render(request, "federation/standalone.html", context, status=status)


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: object = None) -> HttpResponse:
    """django-axes's lockout answer on a remote's own server (AXES_LOCKOUT_CALLABLE): the message in its
    standalone shell, with 429."""
    context = {
        "remote": request.resolver_match.app_name if request.resolver_match else "",
        "title": "Log in",
        "message": lockout_message(),
    }
    return render(request, "federation/locked_out.html", context, status=429)
