"""Delivering custom events to the browser: HX-Trigger on htmx answers, a JSON script on full pages, and the
session in between when an answer is a redirect (so a no-JavaScript post still fires its events)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django_htmx.http import trigger_client_event

from federation.events import emitted

SESSION_KEY = "host.events"


def page_events(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    """Events for the full page being rendered: the ones a redirect left, then this request's."""
    stashed = request.session.pop(SESSION_KEY, []) if SESSION_KEY in request.session else []
    current = emitted(request)
    request._mfe_events_delivered = len(current)
    return [*map(tuple, stashed), *current]


def deliver(request: HttpRequest, response: HttpResponse) -> None:
    """Attach this request's events that the page did not already carry."""
    pending = emitted(request)[getattr(request, "_mfe_events_delivered", 0) :]
    if not pending:
        return
    navigating = response.status_code in (301, 302, 303, 307, 308) or "HX-Redirect" in response
    if navigating:
        request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), *pending]
    elif getattr(request, "htmx", False):
        for name, payload in pending:
            trigger_client_event(response, name, payload)
