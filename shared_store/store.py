"""The store: one object per request, shared by every app rendering in it, over the visitor's saved state."""

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.module_loading import import_string

from federation.context import request_context
from shared_store.actions import Action
from shared_store.backends.base import StoreBackend
from shared_store.conf import store_settings
from shared_store.signals import action_dispatched
from shared_store.slices import (
    ACCOUNT_SLICES,
    SLICES,
    State,
    changed_slices,
    initial_state,
    normalize,
    root_reducer,
)

# Account records are named by this prefix and the user's id; browsers' records have random ids.
ACCOUNT_PREFIX = "account:"
# The session key that holds the id of the browser's record.
SESSION_KEY = "shared_store.id"


@cache
def _backend(dotted_path: str) -> StoreBackend:
    return import_string(dotted_path)()


def get_backend() -> StoreBackend:
    """The backend named by SHARED_STORE["BACKEND"] (one instance per process)."""
    return _backend(store_settings.BACKEND)


@receiver(setting_changed)
def _forget_backend(*, setting: str, **kwargs: Any) -> None:
    """New settings (a test's), a new backend: the next `get_backend()` makes it from them."""
    if setting == "SHARED_STORE":
        _backend.cache_clear()


class Store:
    """The visitor's store for one request: read with `select`, change with `dispatch`.

    It has two owners. The login's own record (its id kept in the session) holds what belongs to this browser
    and login, such as the API tokens. The slices in ACCOUNT_SLICES (the bag) belong to the account while one
    is logged in, so they live in the account's record, shared by the account's logins on every device; with
    nobody logged in they live in the browser's record. The rest of the shop sees one state either way.
    """

    def __init__(self, request: HttpRequest, backend: StoreBackend | None = None) -> None:
        self.request = request
        self.backend = backend or get_backend()
        self._state: State | None = None
        self.changed: set[str] = set()
        """Slices changed during this request (by actions, or by a change of owner)."""

    @property
    def store_id(self) -> str | None:
        """The id of this browser's (and login's) record, kept in the session."""
        return self.request.session.get(SESSION_KEY)

    @property
    def account_id(self) -> str | None:
        """The id of the logged-in account's record; None when nobody is logged in."""
        user = getattr(self.request, "user", None)
        return account_store_id(user.pk) if user is not None and user.is_authenticated else None

    @property
    def state(self) -> State:
        """The current state, loaded once per request (no query when the visitor has no store yet)."""
        if self._state is None:
            store_id = self.store_id
            state = normalize(self.backend.load(store_id)) if store_id else initial_state()
            account_id = self.account_id
            if account_id is not None:
                owned = normalize(self.backend.load(account_id))
                state = {name: owned[name] if name in ACCOUNT_SLICES else state[name] for name in state}
            self._state = state
        return self._state

    def select[T](self, selector: Callable[..., T], *args: Any) -> T:
        """Read the state through a selector: `store.select(cart.select_count)`."""
        return selector(self.state, *args)

    def dispatch(self, action: Action) -> State:
        """Apply `action` atomically to the record that owns its slice; raises ActionRejected and writes nothing
        if it is refused."""
        account_id = self.account_id
        # The account's record owns the slices accounts keep; the browser's record holds the rest.
        owner = account_id if account_id is not None and action.slice_name in ACCOUNT_SLICES else None
        owned = owner is not None
        before: dict[str, State] = {}

        def reduce(saved: State | None) -> State:
            before["state"] = normalize(saved)
            after = root_reducer(before["state"], action)
            # An account's record holds only the slices it owns: never a login's tokens.
            return {name: after[name] for name in ACCOUNT_SLICES} if owned else after

        after = self.backend.update(owner if owner is not None else self.ensure_store_id(), reduce)
        changed = changed_slices(before["state"], after)
        if self.account_id is None:
            self._state = after  # one record holds everything: it is the whole state
        elif self._state is not None:
            # Two records: take from this one only the slices it owns.
            self._state = {
                name: after[name] if (name in ACCOUNT_SLICES) == owned else value for name, value in self._state.items()
            }
        self.changed |= changed
        action_dispatched.send(
            sender=type(action),
            request=self.request,
            action=action,
            changed=changed,
            state=self._state if self._state is not None else after,
        )
        return after

    def reload(self) -> State:
        """Read the saved state again (another request may have changed it)."""
        self._state = None
        return self.state

    def owner_changed(self) -> None:
        """Someone logged in or out: read the state again from its new owners, and count every slice as changed,
        so everything that shows it is rendered again."""
        self._state = None
        self.changed |= set(SLICES)

    def log_in(self) -> None:
        """Right after a login: what the visitor chose anonymously in this browser (the bag) joins the account's,
        and leaves the browser's record, which from now on holds only what belongs to this login."""
        store_id, account_id = self.store_id, self.account_id
        if store_id is not None and account_id is not None:
            taken: State = {}

            def take(saved: State | None) -> State:
                state = normalize(saved)
                taken.update({name: state[name] for name in ACCOUNT_SLICES})
                return {**state, **{name: SLICES[name][0]() for name in ACCOUNT_SLICES}}

            self.backend.update(store_id, take)
            for name, merge in ACCOUNT_SLICES.items():
                action = merge(taken[name])
                if action is not None:
                    self.dispatch(action)
        self.owner_changed()

    @contextmanager
    def locked(self) -> Iterator["Store"]:
        """Hold this login's record exclusively (see StoreBackend.locked), with the state freshly loaded."""
        with self.backend.locked(self.ensure_store_id()):
            self.reload()
            yield self

    def ensure_store_id(self) -> str:
        """The id of this browser's record, created (and kept in the session) if it has none yet."""
        store_id = self.request.session.get(SESSION_KEY)
        if store_id is None:
            store_id = self.request.session[SESSION_KEY] = secrets.token_urlsafe(24)
        return store_id


def account_store_id(user_id: object) -> str:
    """The record of an account's own slices (its bag), the same on every device it logs in from."""
    return f"{ACCOUNT_PREFIX}{user_id}"


def get_store(request: HttpRequest) -> Store:
    """The request's store, created on first use; every app in the request gets this same object."""
    found = request_context(request)
    if not isinstance(found.store, Store):
        found.store = Store(request)
    return found.store


def dispatch(request: HttpRequest, action: Action) -> State:
    """Dispatch `action` to the visitor's store."""
    return get_store(request).dispatch(action)


def select[T](request: HttpRequest, selector: Callable[..., T], *args: Any) -> T:
    """Read the visitor's store through `selector`."""
    return get_store(request).select(selector, *args)
