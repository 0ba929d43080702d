"""The store: one object per request, shared by every app rendering in it, over the visitor's saved state."""

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.http import HttpRequest
from django.utils.module_loading import import_string

from shared_store.actions import Action
from shared_store.backends.base import StoreBackend
from shared_store.conf import store_settings
from shared_store.signals import action_dispatched
from shared_store.slices import State, changed_slices, initial_state, normalize, root_reducer


@cache
def _backend(dotted_path: str) -> StoreBackend:
    return import_string(dotted_path)()


def get_backend() -> StoreBackend:
    """The backend named by SHARED_STORE["BACKEND"] (one instance per process)."""
    return _backend(store_settings()["BACKEND"])


class Store:
    """The visitor's store for one request: read with `select`, change with `dispatch`."""

    def __init__(self, request: HttpRequest, backend: StoreBackend | None = None) -> None:
        self.request = request
        self.backend = backend or get_backend()
        self._state: State | None = None
        self.changed: set[str] = set()
        """Slices changed by actions dispatched during this request."""
        self.dispatched: list[Action] = []
        """Actions dispatched during this request, in order."""

    @property
    def store_id(self) -> str | None:
        return self.request.session.get(store_settings()["SESSION_KEY"])

    @property
    def state(self) -> State:
        """The current state, loaded once per request (no query when the visitor has no store yet)."""
        if self._state is None:
            store_id = self.store_id
            self._state = normalize(self.backend.load(store_id)) if store_id else initial_state()
        return self._state

    def select[T](self, selector: Callable[..., T], *args: Any) -> T:
        """Read the state through a selector: `store.select(cart.select_count)`."""
        return selector(self.state, *args)

    def dispatch(self, action: Action) -> State:
        """Apply `action` atomically to the saved state; raises ActionRejected and writes nothing if refused."""
        before: dict[str, State] = {}

        def reduce(saved: State | None) -> State:
            before["state"] = normalize(saved)
            return root_reducer(before["state"], action)

        after = self.backend.update(self.ensure_store_id(), reduce)
        changed = changed_slices(before["state"], after)
        self._state = after
        self.changed |= changed
        self.dispatched.append(action)
        action_dispatched.send(sender=type(action), request=self.request, action=action, changed=changed, state=after)
        return after

    def reload(self) -> State:
        """Read the saved state again (another request may have changed it)."""
        self._state = None
        return self.state

    @contextmanager
    def locked(self) -> Iterator["Store"]:
        """Hold this visitor's store exclusively (see StoreBackend.locked), with its state freshly loaded."""
        with self.backend.locked(self.ensure_store_id()):
            self.reload()
            yield self

    def ensure_store_id(self) -> str:
        """The visitor's store id, created (and kept in the session) if they have none yet."""
        key = store_settings()["SESSION_KEY"]
        store_id = self.request.session.get(key)
        if store_id is None:
            store_id = self.request.session[key] = secrets.token_urlsafe(24)
        return store_id


def get_store(request: HttpRequest) -> Store:
    """The request's store, created on first use; every app in the request gets this same object."""
    store = getattr(request, "_shared_store", None)
    if store is None:
        store = request._shared_store = Store(request)
    return store


def dispatch(request: HttpRequest, action: Action) -> State:
    """Dispatch `action` to the visitor's store."""
    return get_store(request).dispatch(action)


def select[T](request: HttpRequest, selector: Callable[..., T], *args: Any) -> T:
    """Read the visitor's store through `selector`."""
    return get_store(request).select(selector, *args)
