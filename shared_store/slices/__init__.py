"""The slices of the store and the root reducer that combines them (Redux's combineReducers)."""

from collections.abc import Callable
from typing import Any

from shared_store.actions import Action
from shared_store.slices import cart, user

State = dict[str, Any]

# Only what several apps must share lives here; each app keeps its local state in its own namespace.
SLICES: dict[str, tuple[Callable[[], Any], Callable[[Any, Action], Any]]] = {
    user.NAME: (user.initial_state, user.reducer),
    cart.NAME: (cart.initial_state, cart.reducer),
}


# Slices that belong to the logged-in account rather than to the browser (see Store), each with the action
# that merges what an anonymous visitor had into the account's when they log in (None: nothing to merge).
ACCOUNT_SLICES: dict[str, Callable[[Any], Action | None]] = {
    cart.NAME: cart.merge_action,
}


def initial_state() -> State:
    return {name: make_initial() for name, (make_initial, _) in SLICES.items()}


def normalize(saved: State | None) -> State:
    """A saved state with any slice that is missing (or not a dict) reset to its initial value."""
    saved = saved if isinstance(saved, dict) else {}
    return {
        name: saved[name] if isinstance(saved.get(name), dict) else make_initial()
        for name, (make_initial, _) in SLICES.items()
    }


def root_reducer(state: State, action: Action) -> State:
    """Pure: apply `action` to every slice; a slice that does not handle it is returned unchanged."""
    return {name: reducer(state[name], action) for name, (_, reducer) in SLICES.items()}


def changed_slices(before: State, after: State) -> frozenset[str]:
    """The slices whose value differs; `after` may hold only some slices (an account's record)."""
    return frozenset(name for name in SLICES if name in after and before[name] != after[name])
