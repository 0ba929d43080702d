"""Props the payment components accept: the contract between this remote and any host."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse


@dataclass(frozen=True, kw_only=True)
class PaymentProps:
    """Props of payment/Payment (and of its Pay action)."""

    bag_href: str
    """Where "Back to your bag" goes."""
    thanks_href: Callable[[int], str]
    """The thank-you page of an order."""
    handle_navigate: Callable[[str], HttpResponse]
    """Take the visitor to a path; the returned response does it."""
    on_show_toast: Callable[[str, str], None]
    """Show a short message ("info", "success" or "error")."""


@dataclass(frozen=True, kw_only=True)
class OrdersProps:
    """Props of payment/Orders."""

    login_href: str
    """Where "log in again" goes when the visitor's session has expired."""
    products_href: str
    """Where "Start shopping" goes when there are no orders yet."""


@dataclass(frozen=True, kw_only=True)
class ThanksProps:
    """Props of payment/Thanks."""

    order_numeric_id: int
    """The order to thank for, from the host's route."""
    products_href: str
    login_href: str
