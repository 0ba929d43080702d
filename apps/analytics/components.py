"""The component this remote exposes: the browser-side listener."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from apps.analytics.props import TrackerProps
from federation.events import CATALOG


def tracker(request: HttpRequest, props: TrackerProps) -> str:
    """The listener script, and the event names (with their payload keys) it listens for."""
    events = {name: sorted(spec.payload) for name, spec in CATALOG.items()}
    return render_to_string("analytics/tracker.html", {"events": events}, request)
