"""Signals of the shared API client, so tools (tests, the pattern inspector) can watch calls without wrapping it."""

from django.dispatch import Signal

# Sent after each HTTP exchange the shared client makes, and for each answer it took from its cache instead
# (api/client/cache.py). Arguments: request (the visitor's request, or None), method, url, status_code, kind
# ("call", "refresh", "retry", or "cached": no exchange at all).
api_called = Signal()
