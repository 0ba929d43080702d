"""Error boundaries: a remote that fails renders its fallback in its slot, and the rest of the page goes on.

Like React's error boundaries around each federated remote: one broken app must not take the shop down.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from api.client import ApiError
from host.over_http.errors import RemoteRefused, RemoteSkewed, RemoteUnavailable, write_outcome
from host.registry import fallback_template, owner
from host.state import Failure, host_state

logger = logging.getLogger("host.boundaries")

# Exceptions Django turns into a proper 4xx answer ("not found", "forbidden", a bad request): they are answers,
# not failures of a remote, so no boundary catches them.
NOT_FAILURES = (Http404, PermissionDenied, SuspiciousOperation)


def is_failure(error: BaseException) -> bool:
    """The failure policy: an exception a boundary contains (shows the fallback for), or an answer it lets through."""
    return isinstance(error, Exception) and not isinstance(error, NOT_FAILURES)


def status_of(failure: Failure) -> int:
    """The status a page whose main content failed answers with: 503 when the API or the remote's server was the
    cause (they may well answer again in a moment), else 500."""
    return 503 if isinstance(failure.error, ApiError | RemoteUnavailable) else 500


def failures(request: HttpRequest) -> list[Failure]:
    """The component failures of this request, in order."""
    return host_state(request).failures


def contain(
    request: HttpRequest,
    qualified_name: str,
    error: BaseException,
    *,
    fallback_template: str | None,
    retry: bool = True,
) -> str:
    """Log the failure with the remote's name and return the fallback HTML for its slot."""
    remote, _, name = qualified_name.partition("/")
    if isinstance(error, RemoteRefused | RemoteSkewed):
        # Its breaker is open, or its version does not fit this host, and that was logged once already (breaker.py,
        # over_http/manifest.py): a line per slot, no traceback, until it changes.
        logger.info("Remote %r not mounted for %s: %s", remote, qualified_name, error, extra={"remote": remote})
    else:
        logger.error("Remote %r failed to render %s", remote, qualified_name, exc_info=error, extra={"remote": remote})
    failures(request).append(Failure(remote=remote, component=name, error=error))
    retry_url = None
    if retry:
        try:
            retry_url = reverse("fragment", kwargs={"remote": remote, "component": name})
        except NoReverseMatch:
            retry_url = None
    context = {
        "remote": remote,
        "component": name,
        "retry_url": retry_url,
        "reason": f"{type(error).__name__}: {error}" if settings.DEBUG else None,
        # A change that failed on its way to a remote: was it saved? Say what is known, never more.
        "outcome": write_outcome(request, error),
    }
    return render_to_string(fallback_template or "host/fallback.html", context, request)


class ErrorBoundaryMiddleware:
    """An htmx action that raised gets its remote's fallback to swap in, never a blank swap or a traceback.

    Answered with 200 so htmx swaps it (federation/htmx.py); the error is logged with the remote.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not getattr(request, "htmx", False) or not is_failure(exception):
            return None
        remote = owner(request)
        match = request.resolver_match
        action = f"{remote}/{match.url_name if match else 'unknown'}"
        html = contain(request, action, exception, fallback_template=fallback_template(remote), retry=False)
        return HttpResponse(html, headers={"X-Remote-Failed": remote})
