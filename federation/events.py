"""Custom events: the catalog of fire-and-forget notifications, each namespaced by the domain that owns it.

Server code emits them with `emit(request, name, **payload)`; the host delivers them to the browser, where
they arrive as DOM CustomEvents on `document` (HX-Trigger on htmx answers, a JSON script on full pages).
Listeners need nothing but the name — no store, no import of the sender. On the server, `event_emitted` tells
receivers in the emitting process (docs/events.md says which process that is for a remote on its own server).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal
from django.http import HttpRequest

from federation.context import Event, request_context


# Compared by identity (one spec per name, in CATALOG), so that it can be a signal's sender: see event_emitted.
@dataclass(frozen=True, eq=False)
class EventSpec:
    name: str
    description: str
    payload: Mapping[str, type]


CATALOG: dict[str, EventSpec] = {
    spec.name: spec
    for spec in (
        EventSpec("host:page-view", "The host showed a full page.", {"path": str}),
        EventSpec("products:viewed", "A product's detail was shown.", {"product_id": int}),
        EventSpec("cart:item-added", "Some of a product went into the bag.", {"product_id": int, "quantity": int}),
        EventSpec("cart:item-removed", "A line left the bag.", {"product_id": int}),
        EventSpec(
            "checkout:order-placed", "An order was placed and paid.", {"order_id": int, "total": str, "currency": str}
        ),
        EventSpec("user:logged-out", "The visitor logged out.", {}),
    )
}


# Sent by `emit` once an event is queued. Arguments: request, name, payload. The sender is the event's EventSpec,
# so `event_emitted.connect(receiver, sender=CATALOG["cart:item-added"])` hears that one event only.
event_emitted = Signal()


class InvalidEvent(ValueError):
    """Not an event of the catalog, or not its payload."""


def validate(name: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload, checked against the catalog: the same keys, each of its declared type."""
    spec = CATALOG.get(name)
    if spec is None:
        raise InvalidEvent(f"Unknown event {name!r}.")
    if set(payload) != set(spec.payload):
        raise InvalidEvent(f"{name} carries exactly {sorted(spec.payload)}, not {sorted(payload)}.")
    for key, kind in spec.payload.items():
        value = payload[key]
        # bool is an int in Python, but `true` is no product id.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InvalidEvent(f"{name}: {key} must be a {kind.__name__}.")
    return dict(payload)


def emit(request: HttpRequest, name: str, **payload: Any) -> None:
    """Queue an event for this request's answer; raises InvalidEvent for one the catalog does not allow."""
    checked = validate(name, payload)
    request_context(request).events.append((name, checked))
    # Robust: a listener that fails is logged (django.dispatch), never the emitter's failure.
    event_emitted.send_robust(sender=CATALOG[name], request=request, name=name, payload=checked)


def emitted(request: HttpRequest) -> list[Event]:
    """The events emitted while handling this request, in order."""
    return list(request_context(request).events)
