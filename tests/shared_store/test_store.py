"""Tests of the per-request store (shared_store/store.py, middleware.py, signals.py)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model, login
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from federation.context import RequestContextMiddleware, request_context
from shared_store import ActionRejected, Store, dispatch, get_store, select
from shared_store.models import StoreRecord
from shared_store.signals import action_dispatched
from shared_store.slices import cart, user
from shared_store.store import SESSION_KEY as STORE_SESSION_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def request_(rf: RequestFactory):
    request = rf.get("/")
    request.session = SessionStore()
    return request


def add(product_id: int = 1, quantity: int = 1) -> cart.AddItem:
    return cart.AddItem(
        product_id=product_id, quantity=quantity, unit_price=Decimal("2.00"), currency="EUR", available=50
    )


def test_a_new_visitor_reads_the_initial_state_without_a_query(request_, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        assert select(request_, cart.select_count) == 0
    assert STORE_SESSION_KEY not in request_.session


def test_dispatch_saves_under_a_store_id_kept_in_the_session(request_) -> None:
    dispatch(request_, add(quantity=2))
    store_id = request_.session[STORE_SESSION_KEY]
    assert StoreRecord.objects.get(store_id=store_id).state["cart"]["lines"][0]["quantity"] == 2


def test_every_app_in_a_request_sees_the_same_store(request_, django_assert_num_queries) -> None:
    # The request context's store, and each app's dispatch/select, all reach one object.
    RequestContextMiddleware(lambda request: None)(request_)
    products_view_store = get_store(request_)
    assert request_context(request_).store is products_view_store  # the context holds that very store
    assert get_store(request_) is products_view_store
    dispatch(request_, add(quantity=3))  # e.g. the products remote
    with django_assert_num_queries(0):  # e.g. the cart badge, later in the same request: no reload
        assert select(request_, cart.select_count) == 3
        assert get_store(request_).select(cart.select_count) == 3


def test_state_persists_across_requests(rf: RequestFactory, request_) -> None:
    dispatch(request_, add(quantity=2))
    request_.session.save()
    later = rf.get("/")
    later.session = SessionStore(request_.session.session_key)
    assert select(later, cart.select_count) == 2


def test_store_survives_login(rf: RequestFactory, request_) -> None:
    dispatch(request_, add(quantity=2))
    request_.session.save()
    old_key = request_.session.session_key
    request_.user = None
    account = get_user_model().objects.create_user("ada", password="x")
    login(request_, account, backend="django.contrib.auth.backends.ModelBackend")  # rotates the session key
    assert request_.session.session_key != old_key
    fresh = rf.get("/")
    fresh.session = SessionStore(request_.session.session_key)
    assert select(fresh, cart.select_count) == 2


def test_clear_user_empties_the_user_slice_and_leaves_the_bag_to_its_owner(request_) -> None:
    """The bag is not the login's: the account keeps it (tests/shared_store/test_owners.py)."""
    dispatch(request_, user.SetUser(id=1, username="ada", display_name="Ada", access_token="a", refresh_token="r"))
    dispatch(request_, add())
    store = get_store(request_)
    store.changed.clear()
    dispatch(request_, user.ClearUser())
    saved = StoreRecord.objects.get(store_id=store.store_id).state
    assert saved["user"] == user.initial_state()
    assert len(saved["cart"]["lines"]) == 1
    assert store.changed == {"user"}


def test_rejected_action_changes_nothing(request_) -> None:
    dispatch(request_, add(quantity=2))
    with pytest.raises(ActionRejected):
        dispatch(request_, add(quantity=0))
    store = get_store(request_)
    assert StoreRecord.objects.get(store_id=store.store_id).state["cart"]["lines"][0]["quantity"] == 2
    assert store.select(cart.select_count) == 2


def test_changed_slices_and_dispatched_actions_are_recorded(request_, dispatched) -> None:
    dispatch(request_, add())
    dispatch(request_, cart.RemoveItem(product_id=99))  # changes nothing
    store = get_store(request_)
    assert store.changed == {"cart"}
    assert [action.type for action in dispatched] == ["cart/addItem", "cart/removeItem"]


def test_dispatch_sends_a_signal(request_) -> None:
    received: list[dict] = []

    def listener(**kwargs: object) -> None:
        received.append(kwargs)

    action_dispatched.connect(listener)
    try:
        action = add()
        dispatch(request_, action)
    finally:
        action_dispatched.disconnect(listener)
    assert len(received) == 1
    assert received[0]["action"] is action
    assert received[0]["changed"] == {"cart"}
    assert received[0]["request"] is request_


@pytest.mark.parametrize("lines", [1, 50])
def test_dispatch_query_count_is_flat(request_, django_assert_num_queries: DjangoAssertNumQueries, lines: int) -> None:
    for product_id in range(lines):
        dispatch(request_, add(product_id=product_id))
    # SELECT … FOR UPDATE and UPDATE, inside SAVEPOINT/RELEASE (the test's own transaction turns the dispatch's
    # BEGIN/COMMIT into a savepoint), whether the bag holds 1 line or 50.
    with django_assert_num_queries(4):
        dispatch(request_, add(product_id=0))


def test_a_test_backend_can_be_swapped_in(request_, settings: Settings) -> None:
    settings.SHARED_STORE = {"BACKEND": "shared_store.backends.locmem.MemoryBackend"}
    store = Store(request_)
    store.dispatch(add(quantity=4))
    assert type(store.backend).__name__ == "MemoryBackend"
    assert not StoreRecord.objects.exists()
    assert store.backend.load(store.store_id)["cart"]["lines"][0]["quantity"] == 4
