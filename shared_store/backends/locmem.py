"""An in-memory backend for tests and single-process experiments; state is lost on restart."""

import copy
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.utils import timezone

from shared_store.backends.base import State, StoreBackend

_states: dict[str, State] = {}
_changed_at: dict[str, datetime] = {}  # when each store was last saved, for clear_expired()
_lock = threading.RLock()  # re-entrant: an update inside locked() by the same thread goes ahead


class MemoryBackend(StoreBackend):
    """Keeps states in this process's memory; one lock makes every update atomic."""

    def load(self, store_id: str) -> State | None:
        with _lock:
            saved = _states.get(store_id)
            return copy.deepcopy(saved) if saved is not None else None

    def update(self, store_id: str, reduce: Callable[[State | None], State]) -> State:
        with _lock:
            saved = _states.get(store_id)
            new_state = reduce(copy.deepcopy(saved) if saved is not None else None)
            _states[store_id] = copy.deepcopy(new_state)
            _changed_at[store_id] = timezone.now()
            return new_state

    def delete(self, store_id: str) -> None:
        with _lock:
            _states.pop(store_id, None)
            _changed_at.pop(store_id, None)

    @contextmanager
    def locked(self, store_id: str) -> Iterator[None]:
        with _lock:
            yield

    def clear(self) -> None:
        """Forget every store of this process (like the locmem cache's `clear()`)."""
        with _lock:
            _states.clear()
            _changed_at.clear()

    def clear_expired(self, older_than: timedelta, keep_prefix: str | None = None) -> int:
        with _lock:
            cutoff = timezone.now() - older_than
            expired = [
                store_id
                for store_id, changed_at in _changed_at.items()
                if changed_at < cutoff and not (keep_prefix and store_id.startswith(keep_prefix))
            ]
            for store_id in expired:
                self.delete(store_id)
            return len(expired)
