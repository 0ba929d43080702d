"""The host's own components, mounted like any remote's (as "host/<Name>") so they can subscribe to the store."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string

from host.state import host_state
from shared_store import select, subscribe
from shared_store.slices import user

EXPOSES = {
    "UserMenu": "host.components.user_menu",
    "CheckoutSummary": "host.components.checkout_summary",
}


@dataclass(frozen=True, kw_only=True)
class UserMenuProps:
    login_href: str
    orders_href: str


@subscribe("user")
def user_menu(request: HttpRequest, props: UserMenuProps) -> str:
    """Who is logged in (from the store's user slice), with links to their orders and to log out."""
    context = {"user_state": select(request, user.select_user), "props": props}
    return render_to_string("host/user_menu.html", context, request)


@dataclass(frozen=True, kw_only=True)
class CheckoutSummaryProps:
    pass


def checkout_summary(request: HttpRequest, props: CheckoutSummaryProps) -> str:
    """What the cart last reported through on_selected_items_change: "2 of 3 items selected"."""
    reported = host_state(request).selection
    chosen = [item for item in reported if item.selected]
    context = {
        "lines": len(reported),
        "selected_lines": len(chosen),
        "selected_items": sum(item.quantity for item in chosen),
        "items": sum(item.quantity for item in reported),
    }
    return render_to_string("host/checkout_summary.html", context, request)
