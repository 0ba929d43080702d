"""Error boundaries: a remote that fails renders its fallback in its slot, and the rest of the page goes on.

Like React's error boundaries around each federated remote: one broken app must not take the shop down.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from api.client import ApiError
from host.http_remotes import RemoteRefused, RemoteUnavailable, write_outcome

logger = logging.getLogger("host.boundaries")


@dataclass(frozen=True)
class Failure:
    """A remote component that raised while the host rendered it."""

    remote: str
    component: str
    error: BaseException

    @property
    def status(self) -> int:
        """The status a page whose main content failed answers with: 503 when the API or the remote's server
        was the cause (they may well answer again in a moment)."""
        return 503 if isinstance(self.error, ApiError | RemoteUnavailable) else 500


def failures(request: HttpRequest) -> list[Failure]:
    """The component failures of this request, in order."""
    found = getattr(request, "_remote_failures", None)
    if found is None:
        found = request._remote_failures = []
    return found


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
    if isinstance(error, RemoteRefused):
        # Its breaker is open and logged so once: a line per slot, no traceback, while it cools.
        logger.info("Remote %r not asked for %s: %s", remote, qualified_name, error, extra={"remote": remote})
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
