"""What a visitor is told when django-axes has paused logins for an account from their address."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_message() -> str:
    """The sentence every login form and the API show for a lockout."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "Too many failed logins for this account from your address. For its safety, logging in to it from here "
        f"is paused for {minutes} minutes; try again after that."
    )


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None) -> HttpResponse:
    """Axes's lockout answer on a remote's own server: the message in its standalone shell, with 429."""
    context = {
        "remote": request.resolver_match.app_name if request.resolver_match else "",
        "title": "Log in",
        "message": lockout_message(),
    }
    return render(request, "federation/locked_out.html", context, status=429)


def attempted_username(request: HttpRequest, credentials: Mapping[str, Any] | None) -> str | None:
    """The username a login attempt named, as django-axes records it: at most 255 characters, the length of its
    column (no account has a longer one; PostgreSQL would refuse a longer value with a server error)."""
    named = credentials or getattr(request, "data", request.POST)
    username = named.get("username")
    return str(username)[:255] if username is not None else None
