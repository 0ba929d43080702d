"""The type of a request that went through django-htmx's middleware, for the type checker (django-htmx's recipe)."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request with `request.htmx`: annotate a view with it to read what htmx sent (every server of the shop
    runs HtmxMiddleware)."""

    htmx: HtmxDetails
