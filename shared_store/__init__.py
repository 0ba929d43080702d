"""The shared store every app reads and writes through: one per visitor, loaded once, pinned by version.

Apps use this public face only::

    from shared_store import dispatch, select
    from shared_store.slices import cart

    dispatch(request, cart.AddItem(product_id=3, quantity=1, unit_price=price, currency="EUR", available=12))
    count = select(request, cart.select_count)
"""

__version__ = "1.0.0"

from shared_store.actions import Action, ActionRejected
from shared_store.store import Store, dispatch, get_store, select
from shared_store.subscriptions import subscribe, subscriptions_of

__all__ = [
    "Action",
    "ActionRejected",
    "Store",
    "__version__",
    "dispatch",
    "get_store",
    "select",
    "subscribe",
    "subscriptions_of",
]
