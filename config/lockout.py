"""Login lockouts (django-axes): what a visitor is told when logins to an account from their address are paused,
and the username an attempt named, as axes records it."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def lockout_message() -> str:
    """The sentence every login form and the API show for a lockout."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "Too many failed logins for this account from your address. For its safety, logging in to it from here "
        f"is paused for {minutes} minutes; try again after that."
    )


def attempted_username(request: HttpRequest, credentials: Mapping[str, Any] | None) -> str | None:
    """The username a login attempt named, as django-axes records it: at most 255 characters, the length of its
    column (no account has a longer one; PostgreSQL would refuse a longer value with a server error)."""
    named = credentials or getattr(request, "data", request.POST)
    username = named.get("username")
    return str(username)[:255] if username is not None else None
