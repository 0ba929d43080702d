"""Handing the selected lines over to whoever takes payment, through the shared handoff channel."""

from decimal import Decimal

from django.http import HttpRequest

from api.client import api_client, money
from apps.cart.bag import PriceChange, bag_get
from apps.cart.selection import deselected_ids, handed_over
from shared_store.channels import CHECKOUT, CheckoutSummary


class NothingSelected(Exception):
    message = "Select at least one line to pay for."


class PricesChanged(Exception):
    """Prices changed since the shopper last saw the bag: they see the new ones before they pay."""

    def __init__(self, changes: list[PriceChange]) -> None:
        changed = "; ".join(
            f"{change.name} now costs {change.now_display} (was {change.was_display})" for change in changes
        )
        self.message = f"Prices have changed: {changed}. Check your bag, then go to payment again."
        super().__init__(self.message)


def checkout_handoff(request: HttpRequest) -> CheckoutSummary:
    """Write the order summary of the selected lines to the "checkout" channel, and return it."""
    found = bag_get(request, api_client(request))
    if found.price_changes:
        raise PricesChanged(found.price_changes)
    lines = found.payable(deselected_ids(request)).lines
    if not lines:
        raise NothingSelected()
    total = sum((line.total for line in lines), Decimal("0"))
    summary: CheckoutSummary = {
        "lines": [
            {
                "product_id": line.product_id,
                "name": line.name or "",  # never empty: payable lines are of products still sold
                "quantity": line.quantity,
                "unit_price": str(line.unit_price),
                "line_total": str(line.total),
            }
            for line in lines
        ],
        "currency": lines[0].currency,
        "items": sum(line.quantity for line in lines),
        "total": str(total),
        "total_display": money(total, lines[0].currency),
    }
    CHECKOUT.write(request, summary)
    handed_over(request, line_ids=[line.product_id for line in lines])
    return summary
