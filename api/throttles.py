"""Throttles of the token endpoints: what one address does with one credential, and logins to one account.

Neither counts an address alone. One office, one mobile network's NAT or one proxy can put every shopper behind a
single address; a limit on the address would let one script there spend it and lock the others out of logging in
(or refreshing), while adding little against guessing: the account's own limit and django-axes's lockout (per
account and address) are what make a password expensive to guess.
"""

import hashlib
from collections.abc import Mapping
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


def _presented(request: Request, field: str) -> str | None:
    """The text the request's body gives for `field`, if it gives text; a username in one case (guesses at
    "Alice" and "alice" count together)."""
    value = request.data.get(field) if isinstance(request.data, Mapping) else None
    if not isinstance(value, str) or not value:
        return None
    return value.casefold() if field == "username" else value


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class CredentialRateThrottle(SimpleRateThrottle):
    """Attempts from one address with one credential: a username to log in, a refresh token to refresh or log out.

    The view says which field holds it (`throttle_credential`). Requests without one are not counted: the
    serializer refuses them.
    """

    scope = "auth"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        field = getattr(view, "throttle_credential", "username")
        credential = _presented(request, field)
        if credential is None:
            return None
        ident = _fingerprint(f"{self.get_ident(request)} {field}:{credential}")
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AccountRateThrottle(SimpleRateThrottle):
    """Attempts to log in to one account, from any address: guessing one password from many places is slowed too."""

    scope = "auth-account"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        username = _presented(request, "username")
        if username is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": _fingerprint(username)}
