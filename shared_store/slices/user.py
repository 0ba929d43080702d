"""The `user` slice: who is logged in, as every app needs to know."""

from dataclasses import dataclass
from typing import TypedDict

from shared_store.actions import Action

NAME = "user"


class UserState(TypedDict):
    id: int | None
    username: str | None
    display_name: str | None


def initial_state() -> UserState:
    return {"id": None, "username": None, "display_name": None}


@dataclass(frozen=True, kw_only=True)
class SetUser(Action):
    """A user logged in."""

    type = "user/setUser"
    id: int
    username: str
    display_name: str


@dataclass(frozen=True, kw_only=True)
class ClearUser(Action):
    """Log out: empties user data everywhere (the cart slice listens for it too)."""

    type = "user/clearUser"


def reducer(state: UserState, action: Action) -> UserState:
    """Pure: the next user state for `action`."""
    match action:
        case SetUser(id=user_id, username=username, display_name=display_name):
            return {"id": user_id, "username": username, "display_name": display_name}
        case ClearUser():
            return initial_state()
        case _:
            return state


def select_user(state: dict) -> UserState:
    return state[NAME]


def select_is_logged_in(state: dict) -> bool:
    return state[NAME]["id"] is not None
