"""Throttles of the API beyond DRF's own: logins counted per account."""

import hashlib
from collections.abc import Mapping
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class AccountRateThrottle(SimpleRateThrottle):
    """Attempts to log in to one account, from any address: guessing one password from many places is slowed too,
    and a crowd behind one address (a proxy, an office) is not slowed by what others there do to their accounts."""

    scope = "auth-account"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        username = request.data.get("username") if isinstance(request.data, Mapping) else None
        if not isinstance(username, str) or not username:
            return None  # nothing to count: the serializer refuses it
        ident = hashlib.sha256(username.casefold().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
