"""Tests of the user slice and the root reducer (shared_store/slices/)."""

from shared_store.slices import changed_slices, initial_state, normalize, root_reducer, user
from shared_store.slices.cart import RemoveItem


def test_set_and_clear_user() -> None:
    state = user.reducer(user.initial_state(), user.SetUser(id=4, username="ada", display_name="Ada"))
    assert state == {"id": 4, "username": "ada", "display_name": "Ada"}
    assert user.reducer(state, user.ClearUser()) == user.initial_state()


def test_selectors() -> None:
    state = root_reducer(initial_state(), user.SetUser(id=4, username="ada", display_name="Ada"))
    assert user.select_is_logged_in(state)
    assert user.select_user(state)["username"] == "ada"
    assert not user.select_is_logged_in(initial_state())


def test_root_reducer_reports_which_slices_changed() -> None:
    before = initial_state()
    after = root_reducer(before, user.SetUser(id=1, username="a", display_name="A"))
    assert changed_slices(before, after) == {"user"}
    assert changed_slices(after, root_reducer(after, RemoveItem(product_id=1))) == frozenset()


def test_normalize_fills_missing_or_broken_slices() -> None:
    assert normalize(None) == initial_state()
    assert normalize({"cart": "garbage"}) == initial_state()
    kept = {"lines": [{"product_id": 1, "quantity": 1, "unit_price": "1", "currency": "EUR"}]}
    assert normalize({"cart": kept, "unknown": {}})["cart"] == kept


def test_actions_describe_themselves() -> None:
    action = user.SetUser(id=1, username="a", display_name="A")
    assert action.slice_name == "user"
    assert action.as_dict() == {"type": "user/setUser", "payload": {"id": 1, "username": "a", "display_name": "A"}}
