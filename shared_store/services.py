"""Housekeeping: visitors' stores (in whichever backend keeps them) and handoffs."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from shared_store.models import Handoff
from shared_store.store import ACCOUNT_PREFIX, get_backend


def stores_clear_stale(*, older_than: timedelta | None = None) -> tuple[int, int]:
    """Delete browsers' stores nobody changed for `older_than` (default: the session lifetime, after which no
    session can still point at them) and handoffs already read or expired. Accounts' stores (their bags) stay:
    they belong to an account, not to a visit (a backend whose stores expire by themselves deletes none).
    Returns (stores, handoffs) deleted."""
    age = older_than if older_than is not None else timedelta(seconds=settings.SESSION_COOKIE_AGE)
    now = timezone.now()
    stores = get_backend().clear_expired(age, keep_prefix=ACCOUNT_PREFIX)
    handoffs, _ = Handoff.objects.filter(Q(consumed_at__isnull=False) | Q(expires_at__lt=now)).delete()
    return stores, handoffs
