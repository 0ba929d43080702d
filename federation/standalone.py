"""Helpers for a remote that runs alone on its own dev server, the way a federated remote does."""

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_standalone(request: HttpRequest, html: str, *, remote: str, title: str, status: int = 200) -> HttpResponse:
    """Answer htmx with the bare fragment, and a full page request with the remote wrapped in its own shell."""
    if getattr(request, "htmx", False):
        return HttpResponse(html, status=status)
    stylesheets = getattr(apps.get_app_config(remote), "stylesheets", ())
    context = {"remote": remote, "title": title, "content": html, "stylesheets": stylesheets}
    return render(request, "federation/standalone.html", context, status=status)
