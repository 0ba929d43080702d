"""Props the payment components accept: the contract between this remote and any host."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class PaymentProps:
    """Props of payment/Payment."""

    bag_href: str
    """Where "Back to your bag" goes; the host owns that route."""
