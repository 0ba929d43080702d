"""The handoff channel: one app writes a message for the visitor, another reads it exactly once.

The article's cart writes the order summary to sessionStorage and the payment app reads it on arrival. Here the
message lives on the server, bound to the visitor's store id, signed, size-limited and short-lived::

    handoff_write(request, "checkout", summary)          # the cart
    summary = handoff_consume(request, "checkout")       # the payment app; None the second time
"""

import json
from datetime import timedelta
from typing import Any

from django.core import signing
from django.http import HttpRequest
from django.utils import timezone

from shared_store.models import Handoff
from shared_store.signals import handoff_consumed, handoff_written
from shared_store.store import get_store

MAX_BYTES = 16 * 1024
TTL = timedelta(minutes=15)
_SALT = "shared_store.handoff"


class HandoffError(Exception):
    """The handoff cannot be written or read; `message` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class HandoffTooLarge(HandoffError):
    pass


class HandoffExpired(HandoffError):
    pass


class HandoffInvalid(HandoffError):
    pass


def handoff_write(request: HttpRequest, channel: str, payload: dict[str, Any], *, ttl: timedelta = TTL) -> None:
    """Leave `payload` on `channel` for this visitor, replacing any unread message there."""
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    if len(text.encode()) > MAX_BYTES:
        raise HandoffTooLarge(f"That is too much to hand over at once (at most {MAX_BYTES // 1024} KB).")
    store_id = get_store(request).ensure_store_id()
    Handoff.objects.filter(store_id=store_id, channel=channel, consumed_at__isnull=True).delete()
    Handoff.objects.create(
        store_id=store_id,
        channel=channel,
        payload=signing.dumps(text, salt=_SALT, compress=True),
        expires_at=timezone.now() + ttl,
    )
    handoff_written.send(sender=Handoff, request=request, channel=channel)


def handoff_consume(request: HttpRequest, channel: str) -> dict[str, Any] | None:
    """This visitor's unread message on `channel`, marked read; None if there is none.

    Exactly once: of concurrent readers only one gets it (a conditional UPDATE claims it). Raises
    HandoffExpired for a message past its time and HandoffInvalid for one that was altered.
    """
    store_id = get_store(request).store_id
    if store_id is None:
        return None
    candidate = (
        Handoff.objects.filter(store_id=store_id, channel=channel, consumed_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if candidate is None:
        return None
    now = timezone.now()
    claimed = Handoff.objects.filter(pk=candidate.pk, consumed_at__isnull=True).update(consumed_at=now)
    if not claimed:
        return None  # another request read it first
    handoff_consumed.send(sender=Handoff, request=request, channel=channel)
    if candidate.expires_at <= now:
        raise HandoffExpired("That checkout has expired. Please go to payment again from your bag.")
    try:
        return json.loads(signing.loads(candidate.payload, salt=_SALT))
    except (signing.BadSignature, ValueError) as exc:
        raise HandoffInvalid("That checkout could not be read. Please go to payment again from your bag.") from exc
