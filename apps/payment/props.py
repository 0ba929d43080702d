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
    login_href: str
    """Where a visitor whose login ended logs in again, and comes back here."""
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
    order_href: Callable[[int], str]
    """The page of one order, its lines and status."""


@dataclass(frozen=True, kw_only=True)
class OrderProps:
    """Props of payment/Order: one of the visitor's orders."""

    order_numeric_id: int
    """The order to show, from the host's route."""
    orders_href: str
    """Where "All your orders" goes."""
    login_href: str
    on_page_title: Callable[[str], None] = lambda title: None
    """Title the page after the order ("Order #12")."""


@dataclass(frozen=True, kw_only=True)
class ThanksProps:
    """Props of payment/Thanks."""

    order_numeric_id: int
    """The order to thank for, from the host's route."""
    products_href: str
    login_href: str
