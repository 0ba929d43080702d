"""Housekeeping of the database backend's tables."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from shared_store.models import Handoff, StoreRecord
from shared_store.store import ACCOUNT_PREFIX


def stores_clear_stale(*, older_than: timedelta | None = None) -> tuple[int, int]:
    """Delete browsers' stores nobody changed for `older_than` (default: the session lifetime, after which no
    session can still point at them) and handoffs already read or expired. Accounts' stores (their bags) stay:
    they belong to an account, not to a visit. Returns (stores, handoffs) deleted."""
    age = older_than if older_than is not None else timedelta(seconds=settings.SESSION_COOKIE_AGE)
    now = timezone.now()
    stale = StoreRecord.objects.filter(updated_at__lt=now - age).exclude(store_id__startswith=ACCOUNT_PREFIX)
    stores, _ = stale.delete()
    handoffs, _ = Handoff.objects.filter(Q(consumed_at__isnull=False) | Q(expires_at__lt=now)).delete()
    return stores, handoffs
