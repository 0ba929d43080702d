"""JWTs from simplejwt, plus what it lacks: token families, and revoking a family when a rotated token is replayed."""

import uuid
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from api.models import TokenFamily
from federation.checks import cache_is_process_local

FAMILY_CLAIM = "fam"
REVOKED_CACHE_SECONDS = 10  # how long "is this family revoked?" is remembered


class TokenReused(TokenError):
    """A refresh token that was already rotated (or revoked) was presented again."""


class FamilyRefreshToken(RefreshToken):
    """A refresh token that carries the id of its family: one per login, kept through every rotation."""

    @classmethod
    def for_user(cls, user: Any) -> "FamilyRefreshToken":
        # simplejwt builds `cls()`: mypy sees super()'s class, the token is this one.
        token = cast("FamilyRefreshToken", super().for_user(user))
        family = TokenFamily.objects.create(id=uuid.uuid4(), user=user)
        token[FAMILY_CLAIM] = family.id.hex
        return token


class _PresentedRefreshToken(FamilyRefreshToken):
    """A refresh token checked for signature, audience, issuer, expiry and type, but not the blacklist:
    `refresh_rotate` decides reuse itself, atomically."""

    def __init__(self, token: str) -> None:
        super().__init__(token)  # type: ignore[arg-type]  # simplejwt annotates the encoded token as a Token

    def check_blacklist(self) -> None:
        return None


def refresh_rotate(raw: str) -> dict[str, str]:
    """Exchange a refresh token for a new pair, exactly once.

    The old token is blacklisted in the same step that checks it: its blacklist row is unique, so of two
    concurrent refreshes of one token only one can insert it. Presenting a token that was already rotated is
    reuse: the whole family (every token since that login) is revoked, and the caller must log in again.
    """
    refresh = _PresentedRefreshToken(raw)
    family_id = refresh.get(FAMILY_CLAIM)
    family = TokenFamily.objects.filter(pk=family_id).first() if family_id else None
    if family is None or family.revoked_at is not None:
        raise TokenReused("This login has been signed out. Please log in again.")
    if not get_user_model().objects.filter(pk=refresh.get(api_settings.USER_ID_CLAIM), is_active=True).exists():
        raise TokenError("No active account found for the given token.")

    try:
        with transaction.atomic():
            outstanding = OutstandingToken.objects.get(jti=refresh[api_settings.JTI_CLAIM])
            BlacklistedToken.objects.create(token=outstanding)
    except (IntegrityError, OutstandingToken.DoesNotExist):
        family_revoke(family, reason="a rotated refresh token was used again")
        raise TokenReused("This refresh token was already used: every session of this login is signed out.") from None

    access = str(refresh.access_token)
    refresh.set_jti()
    refresh.set_exp()
    refresh.set_iat()
    refresh.outstand()  # the new token's OutstandingToken row, so it can be blacklisted in turn
    return {"access": access, "refresh": str(refresh)}


def family_revoke(family: TokenFamily, *, reason: str) -> None:
    """Revoke every token of the family from now on: its refresh tokens, and its access tokens too."""
    TokenFamily.objects.filter(pk=family.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )
    cache.set(_revoked_key(family.id.hex), True, timeout=REVOKED_CACHE_SECONDS)


def family_revoked(family_id: str) -> bool:
    """Whether the family of a token was revoked: one indexed lookup, remembered for a few seconds if it may be.

    Every authenticated API request asks, and a logout must hold in every process of the API at once. A shared
    cache (REDIS_URL) holds what family_revoke marks there for all of them, so the answer is remembered in it. A
    cache each process keeps for itself would let another process serve the signed-out login's access token for
    REVOKED_CACHE_SECONDS more, so then the database answers every time.
    """
    try:
        family = uuid.UUID(hex=family_id)
    except (TypeError, ValueError):
        return True  # not a family this API issued

    def revoked() -> bool:
        return TokenFamily.objects.filter(pk=family, revoked_at__isnull=False).exists()

    if cache_is_process_local():
        return revoked()
    return bool(cache.get_or_set(_revoked_key(family.hex), revoked, timeout=REVOKED_CACHE_SECONDS))


def _revoked_key(family_hex: str) -> str:
    return f"api:family-revoked:{family_hex}"


def refresh_revoke(raw: str) -> None:
    """Log out: blacklist the refresh token and revoke its family, so no token of this login refreshes again."""
    refresh = _PresentedRefreshToken(raw)
    family = TokenFamily.objects.filter(pk=refresh.get(FAMILY_CLAIM)).first()
    if family is not None:
        family_revoke(family, reason="logged out")
    refresh.blacklist()
