"""The `user` slice: who is logged in, and the API tokens of that login (server-side only, never rendered)."""

from dataclasses import dataclass
from typing import Literal, TypedDict

from shared_store.actions import Action

NAME = "user"


class Tokens(TypedDict):
    access: str
    refresh: str


class UserState(TypedDict):
    id: int | None
    username: str | None
    display_name: str | None
    tokens: Tokens | None


def initial_state() -> UserState:
    return {"id": None, "username": None, "display_name": None, "tokens": None}


@dataclass(frozen=True, kw_only=True)
class SetUser(Action):
    """A user logged in, and the site obtained their API tokens."""

    type = "user/setUser"
    secret_fields = frozenset({"access_token", "refresh_token"})
    id: int
    username: str
    display_name: str
    access_token: str
    refresh_token: str


@dataclass(frozen=True, kw_only=True)
class TokensRefreshed(Action):
    """The shared API client exchanged the refresh token for a new pair."""

    type = "user/tokensRefreshed"
    secret_fields = frozenset({"access_token", "refresh_token"})
    access_token: str
    refresh_token: str


@dataclass(frozen=True, kw_only=True)
class ClearUser(Action):
    """The login ended: its user data and tokens are gone. The bag is not touched: while someone is logged in it
    belongs to their account, which keeps it for their next login; this browser starts over with a new session
    and so an empty bag."""

    type = "user/clearUser"
    reason: Literal["logout", "session-expired"] = "logout"


def reducer(state: UserState, action: Action) -> UserState:
    """Pure: the next user state for `action`."""
    match action:
        case SetUser(id=user_id, username=username, display_name=display_name):
            tokens: Tokens = {"access": action.access_token, "refresh": action.refresh_token}
            return {"id": user_id, "username": username, "display_name": display_name, "tokens": tokens}
        case TokensRefreshed(access_token=access, refresh_token=refresh) if state["id"] is not None:
            return {**state, "tokens": {"access": access, "refresh": refresh}}
        case ClearUser():
            return initial_state()
        case _:
            return state


def select_user(state: dict) -> UserState:
    return state[NAME]


def select_is_logged_in(state: dict) -> bool:
    return state[NAME]["id"] is not None


def select_tokens(state: dict) -> Tokens | None:
    """The API tokens, for the shared API client only: never put them in a template."""
    return state[NAME]["tokens"]
