"""Who owns the store's slices (shared_store/store.py): the browser, or the account while one is logged in."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from shared_store import dispatch, get_store, select
from shared_store.models import StoreRecord
from shared_store.slices import SLICES, cart, user
from shared_store.store import account_store_id

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def browser(session_key: str | None = None, account=None):
    """A request of one browser (its session), as `account` or anonymous."""
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key)
    request.user = account if account is not None else AnonymousUser()
    return request


def add(product_id: int, quantity: int = 1) -> cart.AddItem:
    return cart.AddItem(
        product_id=product_id, quantity=quantity, unit_price=Decimal("2.00"), currency="EUR", available=50
    )


def lines(request) -> dict[int, int]:
    return {line["product_id"]: line["quantity"] for line in select(request, cart.select_lines)}


@pytest.fixture
def ada():
    return get_user_model().objects.create_user("ada", password="ada-pass-123")


def test_anonymous_visitors_keep_everything_in_their_browsers_record() -> None:
    request = browser()
    dispatch(request, add(1, 2))
    assert StoreRecord.objects.get().store_id == get_store(request).store_id
    assert lines(request) == {1: 2}


def test_while_logged_in_the_bag_is_the_accounts_and_the_tokens_the_browsers(ada) -> None:
    request = browser(account=ada)
    dispatch(request, user.SetUser(id=ada.pk, username="ada", display_name="Ada", access_token="a", refresh_token="r"))
    dispatch(request, add(1, 2))
    own = StoreRecord.objects.get(store_id=get_store(request).store_id).state
    account = StoreRecord.objects.get(store_id=account_store_id(ada.pk)).state
    assert own["user"]["tokens"] == {"access": "a", "refresh": "r"}
    assert "user" not in account  # a login's tokens never reach the account's record
    assert account["cart"]["lines"][0]["quantity"] == 2
    assert select(request, user.select_is_logged_in) is True  # one state, read from both
    assert lines(request) == {1: 2}


def test_every_device_of_an_account_sees_the_same_bag(ada) -> None:
    phone, laptop = browser(account=ada), browser(account=ada)
    dispatch(phone, add(1))
    dispatch(laptop, add(1))
    assert lines(browser(account=ada)) == {1: 2}


def test_logging_in_merges_the_anonymous_bag_into_the_accounts_and_empties_the_browsers(ada, dispatched) -> None:
    dispatch(browser(account=ada), add(1, 1))  # the account's bag from an earlier visit
    dispatched.clear()
    request = browser()
    dispatch(request, add(1, 2))
    dispatch(request, add(2, 1))
    request.session.save()
    store = get_store(request)
    store.changed.clear()
    request.user = ada  # what django.contrib.auth.login does
    store.log_in()
    assert lines(request) == {1: 3, 2: 1}
    assert store.changed == set(SLICES)  # every slice: everything showing the store renders again
    assert StoreRecord.objects.get(store_id=store.store_id).state["cart"] == cart.initial_state()
    assert [a.type for a in dispatched] == ["cart/addItem", "cart/addItem", "cart/linesMerged"]


def test_after_the_login_ends_the_browser_starts_over_and_the_next_login_finds_the_bag(ada) -> None:
    request = browser(account=ada)
    dispatch(request, add(1, 2))
    request.session.flush()  # what django.contrib.auth.logout does
    request.user = AnonymousUser()
    get_store(request).owner_changed()
    assert lines(request) == {}
    assert lines(browser(account=ada)) == {1: 2}


def test_a_logged_in_page_reads_both_records_in_one_query_each(ada, django_assert_num_queries) -> None:
    request = browser(account=ada)
    dispatch(request, add(1))
    request.session.save()
    with django_assert_num_queries(2):
        assert lines(browser(request.session.session_key, ada)) == {1: 1}
