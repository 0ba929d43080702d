"""Chapter 3, your turn: a "recent" slice of the store, the products the visitor viewed, most recent first."""

import copy
from types import ModuleType

import pytest
from django.test import Client

from api.models import Product
from shared_store.models import StoreRecord
from shared_store.slices import SLICES, root_reducer
from shared_store.slices.cart import AddItem
from shared_store.store import SESSION_KEY


def recent() -> ModuleType:
    try:
        from shared_store.slices import recent
    except ImportError:
        pytest.fail("Write the slice in shared_store/slices/recent.py.")
    return recent


def test_the_slice_is_in_the_store() -> None:
    assert recent().NAME == "recent"
    assert "recent" in SLICES, "Add the slice to SLICES in shared_store/slices/__init__.py."
    assert recent().initial_state() == {"product_ids": []}


def test_the_reducer_keeps_the_last_five_most_recent_first_each_once() -> None:
    state = recent().initial_state()
    for product_id in [1, 2, 3, 4, 5, 6, 2]:
        before = copy.deepcopy(state)
        changed = recent().reducer(state, recent().ProductViewed(product_id=product_id))
        assert state == before, "a reducer returns a new state; it never changes the one it was given"
        state = changed
    assert state == {"product_ids": [2, 6, 5, 4, 3]}
    assert recent().ProductViewed.type == "recent/productViewed"


def test_other_actions_leave_it_as_it_is() -> None:
    state = {"product_ids": [3]}
    action = AddItem(product_id=1, quantity=1, unit_price=1, currency="EUR", available=5)  # type: ignore[arg-type]
    assert recent().reducer(state, action) is state


def test_the_selector_reads_it_from_the_whole_state() -> None:
    whole = root_reducer({name: make() for name, (make, _) in SLICES.items()}, recent().ProductViewed(product_id=7))
    assert recent().select_recent_ids(whole) == [7]


@pytest.mark.django_db
def test_the_product_page_dispatches_it(client: Client, catalog: int) -> None:
    first, second = Product.objects.order_by("pk")[:2]
    client.get(f"/product/{first.pk}/")
    client.get(f"/product/{second.pk}/")
    record = StoreRecord.objects.get(store_id=client.session[SESSION_KEY])
    assert record.state["recent"] == {"product_ids": [second.pk, first.pk]}


@pytest.mark.django_db
def test_a_reload_of_the_most_recent_product_writes_nothing(client: Client, catalog: int) -> None:
    """A dispatch is a write; the shop counts the product page's queries (tests/host/test_routing.py)."""
    product = Product.objects.order_by("pk").first()
    assert product is not None
    client.get(f"/product/{product.pk}/")
    record = StoreRecord.objects.get(store_id=client.session[SESSION_KEY])
    client.get(f"/product/{product.pk}/")
    record.refresh_from_db()
    assert record.version == 1, "dispatch only when the product is not the most recent one already"


def test_the_store_is_a_minor_version_up() -> None:
    """A new slice adds to the store and breaks nothing: a minor version (docs/extending.md)."""
    import shared_store

    assert shared_store.__version__ == "1.1.0", "Raise __version__ in shared_store/__init__.py to 1.1.0."
