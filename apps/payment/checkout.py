"""The payment app's own state: the pending checkout it made from the cart's handoff."""

import secrets
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from django.http import HttpRequest

from api.client import money
from shared_store.channels import CHECKOUT, CheckoutSummary
from shared_store.handoff import HandoffInvalid

SESSION_KEY = "payment.pending"
PAID_KEY = "payment.paid"


@dataclass(frozen=True)
class PendingLine:
    product_id: int
    name: str
    quantity: int
    unit_price: str
    line_total: str
    currency: str = "EUR"

    @property
    def line_total_display(self) -> str:
        return money(Decimal(self.line_total), self.currency)


@dataclass(frozen=True)
class PendingCheckout:
    """What the visitor is about to pay for, and the idempotency key of this checkout."""

    lines: list[PendingLine]
    currency: str
    items: int
    total: str
    total_display: str
    key: str
    owner: int | None = None
    """The account that started this checkout: nobody else who logs in on this browser may see or pay it."""

    @classmethod
    def from_summary(cls, summary: CheckoutSummary, *, key: str, owner: int | None) -> "PendingCheckout":
        """The checkout of a handed-over summary (its shape checked by the channel); raise HandoffInvalid if its
        amounts are not decimals or it has no line to pay."""
        try:
            lines = [
                PendingLine(
                    product_id=line["product_id"],
                    name=line["name"],
                    quantity=line["quantity"],
                    unit_price=str(Decimal(line["unit_price"])),
                    line_total=str(Decimal(line["line_total"])),
                    currency=summary["currency"],
                )
                for line in summary["lines"]
            ]
            total = str(Decimal(summary["total"]))
        except InvalidOperation as exc:
            raise HandoffInvalid(CHECKOUT.unreadable) from exc
        if not lines or any(line.quantity < 1 for line in lines):
            raise HandoffInvalid("That checkout is empty. Please go to payment again from your bag.")
        return cls(
            lines=lines,
            currency=summary["currency"],
            items=summary["items"],
            total=total,
            total_display=summary["total_display"],
            key=key,
            owner=owner,
        )

    @property
    def product_ids(self) -> tuple[int, ...]:
        return tuple(line.product_id for line in self.lines)


def checkout_start(request: HttpRequest) -> PendingCheckout | None:
    """Consume a new handoff into the pending checkout (with a fresh idempotency key), or keep the current one.

    Raises HandoffError (expired, altered, invalid) with a message for the visitor.
    """
    summary = CHECKOUT.consume(request)
    if summary is not None:
        pending = PendingCheckout.from_summary(
            summary, key=f"checkout-{secrets.token_urlsafe(18)}", owner=_account(request)
        )
        request.session[SESSION_KEY] = asdict(pending)
        return pending
    return checkout_pending(request)


def checkout_pending(request: HttpRequest) -> PendingCheckout | None:
    """The checkout this visitor started and has not paid yet; None if there is none, or it is someone else's."""
    saved = request.session.get(SESSION_KEY)
    if not saved or saved.get("owner") != _account(request):
        return None
    return PendingCheckout(**{**saved, "lines": [PendingLine(**line) for line in saved["lines"]]})


def _account(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def checkout_paid(request: HttpRequest, pending: PendingCheckout, order_id: int) -> None:
    """The checkout is paid: forget it, but remember its key, so a late second submit finds its order."""
    request.session.pop(SESSION_KEY, None)
    request.session[PAID_KEY] = {"key": pending.key, "order": order_id}


def paid_order_for(request: HttpRequest, key: str) -> int | None:
    """The order placed by the checkout with this idempotency key, if this visitor paid it last."""
    paid = request.session.get(PAID_KEY) or {}
    return paid.get("order") if paid.get("key") == key else None
