"""How the API authenticates a request: simplejwt's bearer tokens, refused once their login is signed out."""

from typing import Any

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken

from api.tokens import FAMILY_CLAIM, family_revoked


class FamilyJWTAuthentication(JWTAuthentication):
    """A valid access token whose family (its login) was revoked, by logout or by reuse detection, is refused
    at once rather than when it expires."""

    def get_validated_token(self, raw_token: bytes) -> Any:
        token = super().get_validated_token(raw_token)
        family = token.get(FAMILY_CLAIM)
        if family is not None and family_revoked(str(family)):
            raise InvalidToken(
                {"detail": "This login has been signed out. Please log in again.", "code": "token_revoked"}
            )
        return token


class FamilyJWTScheme(SimpleJWTScheme):
    """The OpenAPI description of FamilyJWTAuthentication: simplejwt's bearer scheme (drf-spectacular)."""

    target_class = "api.authentication.FamilyJWTAuthentication"  # a dotted path, as drf-spectacular's own are
