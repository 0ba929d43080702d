"""Session engines that save what a request changed, not the copy it read: concurrent requests keep each
other's writes.

Django's session backends save the whole session as the request loaded it. Two requests of one visitor that
overlap (a double click, two tabs, the parallel loads of a page) each write back their own copy, and the last
one erases what the other wrote: a checkout that one request started, a toast another queued. These engines
remember which keys a request set or deleted and, when it saves, apply just those to the session as it is saved
now, read under a row lock. A request that changed nothing writes nothing back but its expiry.

    SESSION_ENGINE = "config.sessions.db"          # or "config.sessions.cached_db" (with a cache)

Flushing, cycling the key (at login) and a new session still write the whole session: there is nothing of
anyone else's to keep.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import router, transaction
from django.utils import timezone

if TYPE_CHECKING:
    from _typeshed import SupportsKeysAndGetItem

    # To the type checker, the mixin is the database SessionStore it goes before, so its `super()` calls and the
    # attributes it reads (`model`, `decode`, `session_key`…) are checked against that class.
    from django.contrib.sessions.backends.db import SessionStore as _DatabaseStore
else:
    _DatabaseStore = object

_MISSING = object()


class ChangesOnlyMixin(_DatabaseStore):
    """For a database-backed SessionStore: track the keys set and deleted, and merge them in when saving."""

    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self._forget_changes()

    # What the request changes -------------------------------------------------------------------------------

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._set[key] = value
        self._deleted.discard(key)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._record_deleted(key)

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        present = key in self
        value = super().pop(key) if default is _MISSING else super().pop(key, default)
        if present:
            self._record_deleted(key)
        return value

    # SessionBase's own signature, which django-stubs also declares over dict's with an ignore.
    def setdefault(self, key: str, value: Any) -> Any:  # type: ignore[override]
        if key in self:
            return self[key]
        self[key] = value
        return value

    # SessionBase's own signature (a mapping or pairs, no keywords): django-stubs declares it over dict's the same way.
    def update(self, dict_: "SupportsKeysAndGetItem[str, Any] | Iterable[tuple[str, Any]]") -> None:  # type: ignore[override]
        for key, value in dict(dict_).items():
            self[key] = value

    def clear(self) -> None:
        super().clear()
        self._rewrite = True

    def cycle_key(self) -> None:
        super().cycle_key()
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
        if must_create or self._rewrite or self.session_key is None:
            super().save(must_create=must_create)
            self._forget_changes()
            return
        model = self.model
        with transaction.atomic(using=router.db_for_write(model)):
            saved = (
                model.objects.select_for_update()
                .filter(session_key=self.session_key, expire_date__gt=timezone.now())
                .first()
            )
            if saved is not None:
                current = self.decode(saved.session_data)
                merged = {key: value for key, value in current.items() if key not in self._deleted}
                self._session_cache = {**merged, **self._set}
            super().save()
        self._forget_changes()
