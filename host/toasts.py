"""Toasts: the messages a remote queued through the `on_show_toast` callback prop (or Django's messages).

A full page shows them in its toast region (host/base.html); an htmx answer carries them out of band into it.
"""

from django.contrib import messages
from django.http import HttpRequest
from django.template.loader import render_to_string


def updates(request: HttpRequest) -> str:
    """The queued messages, appended to the host's toast region."""
    queued = list(messages.get_messages(request))
    if not queued:
        return ""
    return render_to_string("host/base.html#toasts", {"toasts": queued, "oob": True}, request)
