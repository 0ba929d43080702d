"""The beacon endpoint: validated, size-limited, rate-limited, and CSRF-protected like every unsafe request."""

import json

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from apps.analytics.conf import analytics_settings
from apps.analytics.models import AnalyticsEvent
from config.addresses import client_address
from config.errors import error_response
from federation.events import InvalidEvent, validate


@require_POST
def collect(request: HttpRequest) -> HttpResponse:
    """Record the events a browser reports: one as JSON, or a batch sent by `navigator.sendBeacon` as a form
    (`events`, a JSON list, with the CSRF token as a field: a beacon cannot send headers). 204 when every event
    is recorded; a 4xx with a message when not, and then none is."""
    batch = request.content_type == "application/x-www-form-urlencoded"
    if not batch and request.content_type != "application/json":
        return error_response(415, "unsupported", "Send one event as JSON, or a batch as a form, as a beacon does.")
    limit = analytics_settings.MAX_BYTES * (analytics_settings.MAX_EVENTS if batch else 1)
    if len(request.body) > limit:
        return error_response(413, "too_large", f"An event report is at most {analytics_settings.MAX_BYTES} bytes.")
    try:
        reports = json.loads(request.POST.get("events", "")) if batch else [json.loads(request.body)]
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        return error_response(400, "invalid", "Send the event as JSON." if not batch else "Send events as a JSON list.")
    if not isinstance(reports, list) or not 1 <= len(reports) <= analytics_settings.MAX_EVENTS:
        return error_response(400, "invalid", f"Send between 1 and {analytics_settings.MAX_EVENTS} events at a time.")
    if _over_rate(request, len(reports)):
        return error_response(429, "throttled", "Too many event reports; slow down.")
    events = []
    for report in reports:
        try:
            events.append(_event(report))
        except Refused as exc:
            return error_response(400, "invalid", str(exc), exc.fields)
    AnalyticsEvent.objects.bulk_create(events)
    return HttpResponse(status=204)


class Refused(Exception):
    """What is wrong with a reported event, and with which of its fields if one."""

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.fields = fields


def _event(report: object) -> AnalyticsEvent:
    """One reported event, validated against the catalog; Refused says what is wrong with it."""
    if not isinstance(report, dict) or not isinstance(report.get("payload"), dict):
        raise Refused('Send {"name": …, "payload": {…}, "path": …}.')
    path = report.get("path", "")
    if not isinstance(path, str) or len(path) > 200:
        message = "The path must be text of at most 200 characters."
        raise Refused(message, {"path": [message]})
    if len(json.dumps(report["payload"])) > analytics_settings.MAX_BYTES:
        raise Refused(f"An event's payload is at most {analytics_settings.MAX_BYTES} bytes.")
    name = str(report.get("name"))
    try:
        payload = validate(name, report["payload"])
    except InvalidEvent as exc:
        raise Refused(str(exc)) from exc
    for field, value in [("path", path), *payload.items()]:
        if isinstance(value, str) and not _storable(value):
            message = f"The {field} holds a character no database keeps (a NUL, or half of a surrogate pair)."
            raise Refused(message, {field: [message]})
    return AnalyticsEvent(name=name, payload=payload, path=path)


def _storable(text: str) -> bool:
    """Whether every supported database keeps `text` as it is: PostgreSQL refuses NUL in text and in JSON, and
    a lone surrogate (JSON's "\\ud800") is half a character, which UTF-8 cannot encode."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def _over_rate(request: HttpRequest, events: int) -> bool:
    """Whether these events go over a one-minute window: the visitor's (a session this site issued, else the
    address), or that of everyone behind the visitor's address together.

    A session cookie alone proves nothing: a client can make one up per request. So a cookie counts as a visitor
    only when its session exists here, and however many sessions one address opens, together they stay under the
    address's own limit.
    """
    address = client_address(request)
    key = request.session.session_key
    visitor = f"session:{key}" if key and request.session.exists(key) else f"address:{address}"
    windows = [
        (visitor, analytics_settings.RATE_PER_MINUTE),
        (f"behind:{address}", analytics_settings.ADDRESS_RATE_PER_MINUTE),
    ]
    # A list, not a generator: both windows count, even when the first is already over.
    return any([_count(f"analytics:rate:{window}", events) > limit for window, limit in windows])


def _count(key: str, events: int) -> int:
    """Add `events` to the fixed one-minute window at `key` in the cache; its new total."""
    cache.add(key, 0, timeout=60)
    try:
        return cache.incr(key, events)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, events, timeout=60)
        return events
