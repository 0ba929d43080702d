"""Session engines that save what a request changed, not the copy it read: concurrent requests keep each
other's writes.

Django's session backends save the whole session as the request loaded it. Two requests of one visitor that
overlap (a double click, two tabs, the parallel loads of a page) each write back their own copy, and the last
one erases what the other wrote: a checkout that one request started, a toast another queued. These engines
remember which keys a request set or deleted and, when it saves, apply just those to the session as it is saved
now, read under a row lock. A request that changed nothing writes nothing back but its expiry.

    SESSION_ENGINE = "federation.sessions.db"          # or "federation.sessions.cached_db" (with a cache)

Flushing, cycling the key (at login) and a new session still write the whole session: there is nothing of
anyone else's to keep.
"""

from typing import Any

from django.db import router, transaction
from django.utils import timezone

_MISSING = object()


class ChangesOnlyMixin:
    """For a database-backed SessionStore: track the keys set and deleted, and merge them in when saving."""

    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)  # type: ignore[call-arg]
        self._forget_changes()

    # What the request changes -------------------------------------------------------------------------------

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)  # type: ignore[misc]
        self._set[key] = value
        self._deleted.discard(key)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)  # type: ignore[misc]
        self._record_deleted(key)

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        present = key in self._session  # type: ignore[attr-defined]
        value = super().pop(key) if default is _MISSING else super().pop(key, default)  # type: ignore[misc]
        if present:
            self._record_deleted(key)
        return value

    def setdefault(self, key: str, value: Any) -> Any:
        if key in self._session:  # type: ignore[attr-defined]
            return self._session[key]  # type: ignore[attr-defined]
        self[key] = value
        return value

    def update(self, dict_: dict[str, Any]) -> None:
        for key, value in dict_.items():
            self[key] = value

    def clear(self) -> None:
        super().clear()  # type: ignore[misc]
        self._rewrite = True

    def cycle_key(self) -> None:
        super().cycle_key()  # type: ignore[misc]
        self._rewrite = True

    def _record_deleted(self, key: str) -> None:
        self._set.pop(key, None)
        self._deleted.add(key)

    def _forget_changes(self) -> None:
        self._set: dict[str, Any] = {}
        self._deleted: set[str] = set()
        self._rewrite = False

    # Saving -------------------------------------------------------------------------------------------------

    def save(self, must_create: bool = False) -> None:
        if must_create or self._rewrite or self.session_key is None:  # type: ignore[attr-defined]
            super().save(must_create=must_create)  # type: ignore[misc]
            self._forget_changes()
            return
        model = self.model  # type: ignore[attr-defined]
        with transaction.atomic(using=router.db_for_write(model)):
            saved = (
                model.objects.select_for_update()
                .filter(session_key=self.session_key, expire_date__gt=timezone.now())  # type: ignore[attr-defined]
                .first()
            )
            if saved is not None:
                current = self.decode(saved.session_data)  # type: ignore[attr-defined]
                merged = {key: value for key, value in current.items() if key not in self._deleted}
                self._session_cache = {**merged, **self._set}
            super().save()  # type: ignore[misc]
        self._forget_changes()
