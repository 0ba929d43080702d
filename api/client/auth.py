"""The shared client's auth flow: the article's bearer and 401-refresh interceptors, as one httpx Auth.

1. Attach the visitor's access token from the store.
2. On a 401, refresh once. Concurrent requests of one visitor share that refresh (single flight): they queue on
   the visitor's store lock, and whoever comes second finds a new access token already there.
3. Retry the original request once with the new token.
4. A failed refresh, or a second 401, ends the login (`session_end`) and raises SessionExpired. The bag stays
   with the account for its next login; this browser starts over with an empty one.

A 403 is an answer about permissions, not about the token: it never triggers a refresh. The refresh request is
sent without this Auth, so it can never re-enter the flow.
"""

from collections.abc import Generator
from typing import Literal

import httpx
from django.contrib.auth import logout
from django.http import HttpRequest

from api.client.errors import SessionExpired
from api.client.signals import api_called
from shared_store import dispatch, get_store, select
from shared_store.slices import user

REFRESH_PATH = "/api/token/refresh/"


class StoreTokenAuth(httpx.Auth):
    """Bearer auth from the visitor's store, with one refresh and one retry on a 401."""

    def __init__(self, visitor: HttpRequest, http: httpx.Client) -> None:
        self.visitor = visitor
        self.http = http

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        tokens = select(self.visitor, user.select_tokens)
        if tokens is None:
            yield request  # not logged in: the API answers as it does to anyone
            return
        request.headers["Authorization"] = f"Bearer {tokens['access']}"
        response = yield request
        if response.status_code != 401:
            return
        access = refresh_single_flight(self.visitor, self.http, stale_access=tokens["access"])
        if access is None:
            raise session_expire(self.visitor)
        request.headers["Authorization"] = f"Bearer {access}"
        request.extensions["mfe_kind"] = "retry"
        response = yield request
        if response.status_code == 401:
            raise session_expire(self.visitor)


def refresh_single_flight(visitor: HttpRequest, http: httpx.Client, *, stale_access: str) -> str | None:
    """A valid access token for the visitor, refreshing at most once however many requests ask at the same time.

    Returns None when the login cannot be renewed.
    """
    store = get_store(visitor)
    with store.locked():
        tokens = store.select(user.select_tokens)
        if tokens is None:
            return None  # logged out meanwhile
        if tokens["access"] != stale_access:
            return tokens["access"]  # another request refreshed while this one waited
        try:
            # httpx.Auth(): the request as it is (what auth=None means), not the client's refresh-once flow.
            response = http.post(
                REFRESH_PATH,
                json={"refresh": tokens["refresh"]},
                auth=httpx.Auth(),
                extensions={"mfe_kind": "refresh", "mfe_visitor": visitor},
            )
        except httpx.TransportError:
            return None
        if response.status_code != 200:
            return None
        pair = response.json()
        store.dispatch(user.TokensRefreshed(access_token=pair["access"], refresh_token=pair["refresh"]))
        return pair["access"]


def session_expire(visitor: HttpRequest) -> SessionExpired:
    """End the visitor's login, because it could not be renewed, and say so."""
    session_end(visitor, reason="session-expired")
    return SessionExpired()


def session_end(visitor: HttpRequest, *, reason: Literal["logout", "session-expired"]) -> None:
    """End the visitor's login in this browser: its user data leaves the store and Django's session ends.

    The new session has no store: the browser starts over with an empty bag and no pending checkout, while the
    account keeps its bag for its next login (see shared_store.Store).
    """
    dispatch(visitor, user.ClearUser(reason=reason))
    logout(visitor)  # flushes the session, logged in or not: nothing of this browser's visit is carried on
    get_store(visitor).owner_changed()


def report(response: httpx.Response) -> None:
    """httpx response hook: tell listeners about every exchange (the inspector, the tests)."""
    extensions = response.request.extensions
    api_called.send(
        sender=StoreTokenAuth,
        request=extensions.get("mfe_visitor"),
        method=response.request.method,
        url=str(response.request.url),
        status_code=response.status_code,
        kind=extensions.get("mfe_kind", "call"),
    )
