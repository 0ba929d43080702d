"""The beacon endpoint: validated, size-limited, rate-limited, and CSRF-protected like every unsafe request."""

import json

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from apps.analytics.conf import analytics_settings
from apps.analytics.models import AnalyticsEvent
from federation.errors import error_response
from federation.events import InvalidEvent, validate


@require_POST
def collect(request: HttpRequest) -> HttpResponse:
    """Record one event reported by a browser; 204 when recorded, a 4xx with a message when not."""
    conf = analytics_settings()
    if len(request.body) > conf["MAX_BYTES"]:
        return error_response(413, "too_large", f"An event report is at most {conf['MAX_BYTES']} bytes.")
    if _over_rate(request, conf["RATE_PER_MINUTE"]):
        return error_response(429, "throttled", "Too many event reports; slow down.")
    try:
        report = json.loads(request.body)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        return error_response(400, "invalid", "Send the event as JSON.")
    if not isinstance(report, dict) or not isinstance(report.get("payload"), dict):
        return error_response(400, "invalid", 'Send {"name": …, "payload": {…}, "path": …}.')
    path = report.get("path", "")
    if not isinstance(path, str) or len(path) > 200:
        message = "The path must be text of at most 200 characters."
        return error_response(400, "invalid", message, {"path": [message]})
    try:
        payload = validate(str(report.get("name")), report["payload"])
    except InvalidEvent as exc:
        return error_response(400, "invalid", str(exc))
    AnalyticsEvent.objects.create(name=report["name"], payload=payload, path=path)
    return HttpResponse(status=204)


def _over_rate(request: HttpRequest, per_minute: int) -> bool:
    """A fixed one-minute window per visitor (session, else address), counted in the cache."""
    visitor = request.session.session_key or request.META.get("REMOTE_ADDR", "unknown")
    key = f"analytics:rate:{visitor}"
    cache.add(key, 0, timeout=60)
    try:
        return cache.incr(key) > per_minute
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, timeout=60)
        return False
