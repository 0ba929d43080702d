"""The contract every store backend fulfils."""

from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

State = dict[str, Any]


class StoreBackend(ABC):
    """Keeps each visitor's state under a store id.

    Methods that child classes must implement:

    - ``load(store_id)`` returns the saved state, or ``None`` when there is none.
    - ``update(store_id, reduce)`` atomically reads the saved state (``None`` if there is none), calls
      ``reduce`` on it and saves what it returns. Concurrent updates of one store id must run one after the
      other, each seeing the previous one's result: no update may be lost. If ``reduce`` raises, nothing is
      saved and the exception propagates. Returns the saved state.
    - ``delete(store_id)`` forgets the state (no error if there is none).
    - ``locked(store_id)`` is a context manager holding the store exclusively: other ``locked`` and
      ``update`` calls for that id, from any thread or process, wait until it exits, while the holder's own
      ``load`` and ``update`` calls inside it go ahead. Used for work that must happen once per visitor at a
      time, like refreshing API tokens.
    - ``clear_expired(older_than, keep_prefix=None)`` deletes the stores nobody changed for longer than
      ``older_than``, except those whose id starts with ``keep_prefix``, and returns how many it deleted: the
      housekeeping of ``manage.py clear_shared_store``, as ``SessionBase.clear_expired()`` is ``clearsessions``'.
      A backend whose stores expire by themselves deletes nothing and returns 0.
    """

    @abstractmethod
    def load(self, store_id: str) -> State | None:
        raise NotImplementedError("subclasses of StoreBackend must provide a load() method")

    @abstractmethod
    def update(self, store_id: str, reduce: Callable[[State | None], State]) -> State:
        raise NotImplementedError("subclasses of StoreBackend must provide an update() method")

    @abstractmethod
    def delete(self, store_id: str) -> None:
        raise NotImplementedError("subclasses of StoreBackend must provide a delete() method")

    @abstractmethod
    def locked(self, store_id: str) -> AbstractContextManager[None]:
        raise NotImplementedError("subclasses of StoreBackend must provide a locked() method")

    @abstractmethod
    def clear_expired(self, older_than: timedelta, keep_prefix: str | None = None) -> int:
        raise NotImplementedError("subclasses of StoreBackend must provide a clear_expired() method")
