"""Tests of the cart slice's pure reducer and selectors (shared_store/slices/cart.py)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared_store import ActionRejected
from shared_store.slices import cart, initial_state, root_reducer
from shared_store.slices.user import ClearUser


def add(product_id: int = 1, quantity: int = 1, available: int = 50, price: str = "9.99", currency: str = "EUR"):
    return cart.AddItem(
        product_id=product_id, quantity=quantity, unit_price=Decimal(price), currency=currency, available=available
    )


def test_add_creates_a_line_with_a_price_snapshot() -> None:
    state = cart.reducer(cart.initial_state(), add(product_id=3, quantity=2, price="4.50"))
    assert state == {"lines": [{"product_id": 3, "quantity": 2, "unit_price": "4.50", "currency": "EUR"}]}


def test_adding_the_same_product_again_adds_to_its_line() -> None:
    state = cart.reducer(cart.reducer(cart.initial_state(), add(quantity=2)), add(quantity=3, price="1.00"))
    assert state["lines"] == [{"product_id": 1, "quantity": 5, "unit_price": "9.99", "currency": "EUR"}]


def test_reducer_does_not_mutate_its_input() -> None:
    before = cart.reducer(cart.initial_state(), add())
    snapshot = {"lines": [dict(line) for line in before["lines"]]}
    cart.reducer(before, add(quantity=2))
    cart.reducer(before, cart.SetQuantity(product_id=1, quantity=7, available=50))
    cart.reducer(before, cart.RemoveItem(product_id=1))
    assert before == snapshot


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (add(quantity=0), "at least 1"),
        (add(quantity=-2), "at least 1"),
        (add(quantity=100, available=500), "at most 99"),
        (add(quantity=6, available=5), r"Only 5 in stock\."),
        (add(quantity=1, available=0), "out of stock"),
    ],
)
def test_add_rejects_bad_quantities(action: cart.AddItem, message: str) -> None:
    with pytest.raises(ActionRejected, match=message):
        cart.reducer(cart.initial_state(), action)


@pytest.mark.parametrize("quantity", [0, -1])
def test_add_rejects_a_non_positive_quantity_even_onto_an_existing_line(quantity: int) -> None:
    state = cart.reducer(cart.initial_state(), add(quantity=2))
    with pytest.raises(ActionRejected, match="at least 1"):
        cart.reducer(state, add(quantity=quantity))


def test_add_counts_what_is_already_in_the_bag_against_the_stock() -> None:
    state = cart.reducer(cart.initial_state(), add(quantity=4, available=5))
    with pytest.raises(ActionRejected, match=r"Only 5 in stock\."):
        cart.reducer(state, add(quantity=2, available=5))


def test_a_bag_holds_one_currency() -> None:
    state = cart.reducer(cart.initial_state(), add(product_id=1))
    with pytest.raises(ActionRejected, match="priced in EUR"):
        cart.reducer(state, add(product_id=2, currency="USD"))


def test_a_bag_holds_a_limited_number_of_lines() -> None:
    state = cart.initial_state()
    for product_id in range(cart.MAX_LINES):
        state = cart.reducer(state, add(product_id=product_id))
    with pytest.raises(ActionRejected, match=f"at most {cart.MAX_LINES} different"):
        cart.reducer(state, add(product_id=cart.MAX_LINES))


def test_set_quantity_and_remove() -> None:
    state = cart.reducer(cart.reducer(cart.initial_state(), add(product_id=1)), add(product_id=2))
    state = cart.reducer(state, cart.SetQuantity(product_id=2, quantity=7, available=10))
    assert [line["quantity"] for line in state["lines"]] == [1, 7]
    state = cart.reducer(state, cart.RemoveItem(product_id=1))
    assert [line["product_id"] for line in state["lines"]] == [2]


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (cart.SetQuantity(product_id=1, quantity=0, available=10), "at least 1"),
        (cart.SetQuantity(product_id=1, quantity=11, available=10), r"Only 10 in stock\."),
        (cart.SetQuantity(product_id=9, quantity=1, available=10), "not in your bag"),
    ],
)
def test_set_quantity_rejects(action: cart.SetQuantity, message: str) -> None:
    with pytest.raises(ActionRejected, match=message):
        cart.reducer(cart.reducer(cart.initial_state(), add(product_id=1)), action)


def test_the_end_of_a_login_leaves_the_bag_to_its_account() -> None:
    state = cart.reducer(cart.initial_state(), add())
    assert cart.reducer(state, ClearUser(reason="logout")) == state
    assert cart.reducer(state, ClearUser(reason="session-expired")) == state


def line(product_id: int, quantity: int, currency: str = "EUR") -> cart.CartLine:
    return {"product_id": product_id, "quantity": quantity, "unit_price": "9.99", "currency": currency}


def test_merging_adds_up_quantities_of_a_product_in_both_bags_and_appends_the_others() -> None:
    account = {"lines": [line(1, 2), line(2, 1)]}
    merged = cart.reducer(account, cart.LinesMerged(lines=(line(2, 3), line(3, 1))))
    assert merged == {"lines": [line(1, 2), line(2, 4), line(3, 1)]}


def test_merging_keeps_to_the_bags_limits() -> None:
    full = {"lines": [line(n, 1) for n in range(1, cart.MAX_LINES + 1)]}
    assert cart.reducer(full, cart.LinesMerged(lines=(line(999, 1),))) == full  # no room for a new product
    many = {"lines": [line(1, cart.MAX_LINE_QUANTITY - 1)]}
    assert cart.reducer(many, cart.LinesMerged(lines=(line(1, 5),)))["lines"][0]["quantity"] == cart.MAX_LINE_QUANTITY
    euros = {"lines": [line(1, 1)]}
    assert cart.reducer(euros, cart.LinesMerged(lines=(line(2, 1, "USD"),))) == euros  # one currency per bag


def test_an_empty_anonymous_bag_merges_nothing() -> None:
    assert cart.merge_action(cart.initial_state()) is None
    assert cart.merge_action({"lines": [line(1, 1)]}) == cart.LinesMerged(lines=(line(1, 1),))


def test_repricing_changes_only_the_named_lines_prices() -> None:
    state = {"lines": [line(1, 2), line(2, 1)]}
    repriced = cart.reducer(state, cart.LinesRepriced(prices=((2, "12.50"),)))
    assert repriced == {"lines": [line(1, 2), {**line(2, 1), "unit_price": "12.50"}]}


def test_unrelated_actions_return_the_same_state() -> None:
    state = cart.initial_state()
    assert cart.reducer(state, cart.RemoveItem(product_id=1)) == state


def test_selectors() -> None:
    state = root_reducer(initial_state(), add(product_id=1, quantity=2, price="1.50"))
    state = root_reducer(state, add(product_id=2, quantity=1, price="10.00"))
    assert cart.select_count(state) == 3
    assert cart.select_total(state) == Decimal("13.00")
    assert cart.select_quantity(state, 1) == 2
    assert cart.select_quantity(state, 99) == 0
    assert [line["product_id"] for line in cart.select_lines(state)] == [1, 2]
    assert cart.select_total(initial_state()) == Decimal("0")


adds = st.lists(st.tuples(st.integers(1, 5), st.integers(-3, 120)), max_size=40)


@given(adds)
def test_any_sequence_of_adds_keeps_the_invariants(steps: list[tuple[int, int]]) -> None:
    state = cart.initial_state()
    expected: dict[int, int] = {}
    for product_id, quantity in steps:
        try:
            state = cart.reducer(state, add(product_id=product_id, quantity=quantity, available=60))
        except ActionRejected:
            continue
        expected[product_id] = expected.get(product_id, 0) + quantity
    assert {line["product_id"]: line["quantity"] for line in state["lines"]} == expected
    assert all(1 <= line["quantity"] <= 60 for line in state["lines"])
    assert len({line["product_id"] for line in state["lines"]}) == len(state["lines"])
