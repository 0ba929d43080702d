"""The default backend: one database row per store, updated under a row lock."""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cache
from typing import cast

from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone

from shared_store.backends.base import State, StoreBackend
from shared_store.models import StoreRecord


@cache
def _load_sql(vendor: str, quote: Callable[[str], str]) -> str:
    columns = {field.name: str(field.column) for field in StoreRecord._meta.concrete_fields}
    table = StoreRecord._meta.db_table
    return f"SELECT {quote(columns['state'])} FROM {quote(table)} WHERE {quote(columns['store_id'])} = %s"


class DatabaseBackend(StoreBackend):
    """Atomic on every database Django supports.

    PostgreSQL: `SELECT … FOR UPDATE` locks the visitor's row, so a concurrent dispatch waits for this one
    and then reads its result. SQLite ignores FOR UPDATE, but the project opens SQLite transactions with
    `BEGIN IMMEDIATE` (see config/base_settings.py): writers take the database's write lock when the
    transaction starts and queue behind each other, with the same outcome.
    """

    def load(self, store_id: str) -> State | None:
        # Every page reads its visitor's store, and building this one query with the ORM cost more than running
        # it (docs/performance.md, section 7): it is written out once per database instead.
        connection = connections[router.db_for_read(StoreRecord)]
        with connection.cursor() as cursor:
            cursor.execute(_load_sql(connection.vendor, connection.ops.quote_name), [store_id])
            row = cursor.fetchone()
        if row is None:
            return None
        state = row[0]  # JSON text, as Django's JSONField reads it on every database it supports
        return cast(State, json.loads(state) if isinstance(state, str) else state)

    def update(self, store_id: str, reduce: Callable[[State | None], State]) -> State:
        with transaction.atomic():
            record = StoreRecord.objects.select_for_update().filter(store_id=store_id).first()
            new_state = reduce(record.state if record else None)
            if record is None:
                # get_or_create: if another request created the row meanwhile, this one waits for its lock.
                record, created = StoreRecord.objects.select_for_update().get_or_create(
                    store_id=store_id, defaults={"state": new_state, "version": 1}
                )
                if created:
                    return new_state
                new_state = reduce(record.state)
            # QuerySet.update() skips auto_now: set updated_at here, or clear_expired() would judge by the creation.
            StoreRecord.objects.filter(store_id=store_id).update(
                state=new_state, version=F("version") + 1, updated_at=timezone.now()
            )
            return new_state

    def delete(self, store_id: str) -> None:
        StoreRecord.objects.filter(store_id=store_id).delete()

    @contextmanager
    def locked(self, store_id: str) -> Iterator[None]:
        # The same row lock (or SQLite write lock) as update(): waiting holders queue behind this one.
        with transaction.atomic():
            StoreRecord.objects.select_for_update().get_or_create(store_id=store_id, defaults={"state": {}})
            yield

    def clear_expired(self, older_than: timedelta, keep_prefix: str | None = None) -> int:
        expired = StoreRecord.objects.filter(updated_at__lt=timezone.now() - older_than)
        deleted, _ = (expired.exclude(store_id__startswith=keep_prefix) if keep_prefix else expired).delete()
        return deleted
