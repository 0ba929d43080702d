"""Props the payment components accept: the contract between this remote and any host."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class PaymentProps:
    """Props of payment/Payment."""

    bag_href: str
    """Where "Back to your bag" goes; the host owns that route."""


@dataclass(frozen=True, kw_only=True)
class OrdersProps:
    """Props of payment/Orders."""

    login_href: str
    """Where "log in again" goes when the visitor's session has expired."""
    products_href: str
    """Where "Start shopping" goes when there are no orders yet."""
