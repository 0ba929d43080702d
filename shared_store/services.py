"""Housekeeping of the database backend's tables."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from shared_store.models import Handoff, StoreRecord


def stores_clear_stale(*, older_than: timedelta | None = None) -> tuple[int, int]:
    """Delete stores nobody changed for `older_than` (default: the session lifetime, after which no session can
    still point at them) and handoffs already read or expired. Returns (stores, handoffs) deleted."""
    age = older_than if older_than is not None else timedelta(seconds=settings.SESSION_COOKIE_AGE)
    now = timezone.now()
    stores, _ = StoreRecord.objects.filter(updated_at__lt=now - age).delete()
    handoffs, _ = Handoff.objects.filter(Q(consumed_at__isnull=False) | Q(expires_at__lt=now)).delete()
    return stores, handoffs
