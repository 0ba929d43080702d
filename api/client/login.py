"""Logging a visitor in and out of the shop and its API: a Django login in the browser, API tokens in the store.

Every app that offers a login form (the host, a remote running alone) goes through these, so a login always
obtains its tokens the same way and a logout always revokes them.
"""

from contextlib import suppress
from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse

from api.client import ApiError, api_client
from api.client.auth import session_end
from shared_store import dispatch, get_store, select
from shared_store.slices import user
from shared_store.slices.user import Tokens


def login_tokens_obtain(visitor: HttpRequest, *, username: str, password: str) -> Tokens:
    """The API token pair of an account whose password the site has just checked; raises ApiError."""
    pair = api_client(visitor).post(
        "/api/token/", json={"username": username, "password": password}, authenticated=False
    )
    return {"access": pair["access"], "refresh": pair["refresh"]}


def login_start(visitor: HttpRequest, account: Any, tokens: Tokens) -> None:
    """Right after Django's login: keep the login's tokens in the store, and bring the anonymous bag along."""
    get_store(visitor).log_in()  # the bag becomes the account's, merged with what it already held
    dispatch(
        visitor,
        user.SetUser(
            id=account.pk,
            username=account.get_username(),
            display_name=account.get_full_name() or account.get_username(),
            access_token=tokens["access"],
            refresh_token=tokens["refresh"],
        ),
    )


def login_end(visitor: HttpRequest) -> None:
    """Log out: revoke the login's tokens, then end it (see auth.session_end)."""
    tokens = select(visitor, user.select_tokens)
    if tokens is not None:
        # Already revoked or expired is fine: either way the token is dead, and the visitor is leaving.
        with suppress(ApiError):
            api_client(visitor).post("/api/token/blacklist/", json={"refresh": tokens["refresh"]}, authenticated=False)
    session_end(visitor, reason="logout")


class TokenLoginView(LoginView):
    """Django's login view, which also obtains the account's API tokens and keeps them in the store.

    The tokens are asked for before Django's login: if the API cannot give them, the visitor is not logged in
    halfway, and the form says why (a 429's own message: too many logins to this account just now).
    """

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        account = form.get_user()
        try:
            tokens = login_tokens_obtain(
                self.request, username=account.get_username(), password=form.cleaned_data["password"]
            )
        except ApiError as exc:
            refused = exc.message if exc.status_code == 429 else None
            form.add_error(None, refused or "Logging in is not possible right now. Please try again in a moment.")
            return self.form_invalid(form)
        response = super().form_valid(form)  # the session key rotates; the browser's store id goes along
        login_start(self.request, account, tokens)
        return response
