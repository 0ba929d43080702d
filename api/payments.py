"""A simulated card provider, with documented test numbers (like a real provider's test mode)."""

from dataclasses import dataclass
from decimal import Decimal

# The test numbers are published with the client (api/client/cards.py), so a remote can offer them as hints
# without importing the backend.
from api.client.cards import DECLINED, PROVIDER_ERROR


class PaymentFailed(Exception):
    """The card was not charged; `message` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CardDeclined(PaymentFailed):
    pass


class ProviderUnavailable(PaymentFailed):
    pass


@dataclass(frozen=True)
class Charge:
    amount: Decimal
    currency: str
    last4: str


def charge(*, card_number: str, amount: Decimal, currency: str) -> Charge:
    """Charge the card, or raise. Any valid number other than the two failing test numbers is approved."""
    if card_number == DECLINED:
        raise CardDeclined("Your card was declined. Nothing was charged; try another card.")
    if card_number == PROVIDER_ERROR:
        raise ProviderUnavailable("The payment provider is not answering. Nothing was charged; please try again.")
    return Charge(amount=amount, currency=currency, last4=card_number[-4:])
