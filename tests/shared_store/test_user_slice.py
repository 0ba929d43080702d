"""Tests of the user slice and the root reducer (shared_store/slices/)."""

from shared_store.slices import changed_slices, initial_state, normalize, root_reducer, user
from shared_store.slices.cart import RemoveItem


def login(user_id: int = 4) -> user.SetUser:
    return user.SetUser(id=user_id, username="ada", display_name="Ada", access_token="a1", refresh_token="r1")


def test_set_and_clear_user() -> None:
    state = user.reducer(user.initial_state(), login())
    assert state == {"id": 4, "username": "ada", "display_name": "Ada", "tokens": {"access": "a1", "refresh": "r1"}}
    assert user.reducer(state, user.ClearUser()) == user.initial_state()
    assert user.reducer(state, user.ClearUser(reason="session-expired")) == user.initial_state()


def test_tokens_refreshed_replaces_the_pair_of_a_logged_in_user_only() -> None:
    refreshed = user.TokensRefreshed(access_token="a2", refresh_token="r2")
    state = user.reducer(user.reducer(user.initial_state(), login()), refreshed)
    assert state["tokens"] == {"access": "a2", "refresh": "r2"}
    assert user.reducer(user.initial_state(), refreshed) == user.initial_state()  # logged out meanwhile


def test_selectors() -> None:
    state = root_reducer(initial_state(), login())
    assert user.select_is_logged_in(state)
    assert user.select_user(state)["username"] == "ada"
    assert user.select_tokens(state) == {"access": "a1", "refresh": "r1"}
    assert not user.select_is_logged_in(initial_state())
    assert user.select_tokens(initial_state()) is None


def test_root_reducer_reports_which_slices_changed() -> None:
    before = initial_state()
    after = root_reducer(before, login(1))
    assert changed_slices(before, after) == {"user"}
    assert changed_slices(after, root_reducer(after, RemoveItem(product_id=1))) == frozenset()


def test_normalize_fills_missing_or_broken_slices() -> None:
    assert normalize(None) == initial_state()
    assert normalize({"cart": "garbage"}) == initial_state()
    kept = {"lines": [{"product_id": 1, "quantity": 1, "unit_price": "1", "currency": "EUR"}]}
    assert normalize({"cart": kept, "unknown": {}})["cart"] == kept


def test_actions_describe_themselves_with_tokens_masked() -> None:
    action = login(1)
    assert action.slice_name == "user"
    assert action.as_dict() == {
        "type": "user/setUser",
        "payload": {
            "id": 1,
            "username": "ada",
            "display_name": "Ada",
            "access_token": "••••••",
            "refresh_token": "••••••",
        },
    }
