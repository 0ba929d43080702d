"""Toasts: the messages a remote queued through the `on_show_toast` callback prop (or Django's messages).

A full page shows them in its toast region (host/base.html); an htmx answer carries them out of band into it.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from federation.htmx import append_out_of_band


def updates(request: HttpRequest) -> str:
    """The queued messages, appended to the host's toast region."""
    queued = list(messages.get_messages(request))
    if not queued:
        return ""
    return render_to_string("host/base.html#toasts", {"toasts": queued, "oob": True}, request)


class ToastsMiddleware:
    """Adds the queued toasts to an htmx answer htmx will swap; others leave them for the next page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        append_out_of_band(request, response, updates)
        return response
