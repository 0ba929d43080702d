"""What the payment app changes: it places the order through the API, then empties the bought lines."""

import time
from typing import Any

from django.http import HttpRequest

from api.client import ApiBadRequest, api_client
from apps.payment.checkout import PendingCheckout, checkout_paid
from shared_store import dispatch
from shared_store.slices import cart

IN_FLIGHT_RETRIES = 5


def order_pay(request: HttpRequest, pending: PendingCheckout, card: dict[str, str]) -> dict[str, Any]:
    """Place and pay the pending order once, whatever the number of clicks; then clear what was bought.

    The idempotency key was made when the payment page first rendered: a second submit of the same checkout
    gets the first one's order. If the first is still running (409), wait a moment and ask again.
    """
    body = {"lines": pending.order_lines(), "card": card}
    headers = {"Idempotency-Key": pending.key}
    for attempt in range(IN_FLIGHT_RETRIES):
        try:
            order = api_client(request).post("/api/orders/", json=body, headers=headers)
            break
        except ApiBadRequest as exc:
            if exc.status_code != 409 or attempt == IN_FLIGHT_RETRIES - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    dispatch(request, cart.RemoveItems(product_ids=pending.product_ids))
    checkout_paid(request, pending, order["id"])
    return order
