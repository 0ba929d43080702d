"""Tests of the store's housekeeping (shared_store/services.py, `manage.py clear_shared_store`)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from shared_store.models import Handoff, StoreRecord

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_clears_stale_stores_and_spent_handoffs_only() -> None:
    StoreRecord.objects.create(store_id="fresh", state={})
    StoreRecord.objects.create(store_id="stale", state={})
    StoreRecord.objects.create(store_id="account:7", state={})  # an account's bag, untouched as long
    StoreRecord.objects.filter(store_id__in=["stale", "account:7"]).update(
        updated_at=timezone.now() - timedelta(days=40)
    )
    later = timezone.now() + timedelta(minutes=5)
    Handoff.objects.create(store_id="fresh", channel="checkout", payload="x", expires_at=later)
    Handoff.objects.create(store_id="fresh", channel="read", payload="x", expires_at=later, consumed_at=timezone.now())
    Handoff.objects.create(
        store_id="fresh", channel="old", payload="x", expires_at=timezone.now() - timedelta(seconds=1)
    )
    out = StringIO()
    call_command("clear_shared_store", "--days", "30", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 stale stores and 2 read or expired handoffs."
    assert sorted(StoreRecord.objects.values_list("store_id", flat=True)) == ["account:7", "fresh"]
    assert list(Handoff.objects.values_list("channel", flat=True)) == ["checkout"]
