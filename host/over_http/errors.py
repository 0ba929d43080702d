"""How an exchange with a remote's server fails, and what the visitor is told of a change it carried."""

from django.http import HttpRequest

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class RemoteUnavailable(Exception):
    """The remote did not answer in time, could not be reached, or answered with an error.

    `delivered` says whether the remote may have received the request (and so, for a write, may have applied
    it): false only when it certainly did not (no connection, or the host did not even try).
    """

    def __init__(self, message: str, *, delivered: bool = False) -> None:
        super().__init__(message)
        self.delivered = delivered


class RemoteRefused(RemoteUnavailable):
    """The remote was not even asked: its circuit breaker is open (breaker.py), or this page already spent its
    time budget for it."""


class RemoteSkewed(RemoteUnavailable):
    """This version of the remote and this host cannot work together: a component the host mounts is gone, or
    needs a prop the host does not give. Its slots show their fallback until a version that fits is deployed."""

    def __init__(self, message: str, *, version: str, reason: str) -> None:
        super().__init__(message)
        self.version, self.reason = version, reason


class RemoteIncompatible(RemoteSkewed):
    """The remote's version pins a shared package version this host does not have: it is not mounted at all."""


def write_outcome(request: HttpRequest, error: BaseException) -> str | None:
    """What became of a change the visitor asked a remote for, when the remote failed to answer: "unsaved" when
    it never got it, "unknown" when it may have (a timeout after sending: it may still apply it), None for a
    request that changes nothing."""
    if request.method in SAFE_METHODS or not isinstance(error, RemoteUnavailable):
        return None
    return "unknown" if error.delivered else "unsaved"
