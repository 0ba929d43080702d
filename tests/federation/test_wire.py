"""Tests of the host ↔ remote wire (federation/over_http/wire.py): the sealed context, props and effects."""

import base64
import zlib
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

from federation.over_http.wire import (
    CONTEXT_HEADER,
    Effects,
    WireError,
    decode_props,
    encode_props,
    read_context,
    seal_context,
)


@dataclass(frozen=True)
class Line:
    product_id: int
    line_total: Decimal
    selected: bool


def context(method: str = "POST", path: str = "/remotes/cart/lines/3/quantity/", **props: object) -> str:
    return seal_context(method=method, path=path, session_key="abc", csrf_secret="s" * 32, props=props)


def forwarded(token: str, method: str = "POST", path: str = "/remotes/cart/lines/3/quantity/"):
    return RequestFactory().generic(method, path, headers={CONTEXT_HEADER: token})


def test_a_sealed_context_is_read_back_on_the_request_it_was_made_for() -> None:
    payload = read_context(forwarded(context(products_href="/")))
    assert (payload["s"], payload["c"], payload["props"]) == ("abc", "s" * 32, {"products_href": ["value", "/"]})


def test_no_context_is_none() -> None:
    assert read_context(RequestFactory().get("/")) is None


@pytest.mark.parametrize(
    ("tamper", "method", "path", "message"),
    [
        (lambda token: token + "x", "POST", "/remotes/cart/lines/3/quantity/", "not sealed by the host"),
        (lambda token: "forged", "POST", "/remotes/cart/lines/3/quantity/", "not sealed by the host"),
        (lambda token: token, "POST", "/remotes/cart/lines/4/remove/", "made for another request"),
        (lambda token: token, "GET", "/remotes/cart/lines/3/quantity/", "made for another request"),
    ],
)
def test_a_context_that_does_not_verify_is_refused(tamper, method: str, path: str, message: str) -> None:
    with pytest.raises(WireError, match=message):
        read_context(forwarded(tamper(context()), method, path))


def test_a_context_expires_within_seconds() -> None:
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        token = context()
        clock.shift(29)
        assert read_context(forwarded(token))["s"] == "abc"
        clock.shift(2)
        with pytest.raises(WireError, match="expired"):
            read_context(forwarded(token))


def test_what_crosses_is_sealed_and_a_rotated_key_still_opens_it(settings) -> None:
    session_key = "the-visitors-session-key-0123456789"
    path = "/remotes/cart/lines/3/quantity/"
    token = seal_context(method="POST", path=path, session_key=session_key, csrf_secret="s" * 32, props={})
    assert session_key not in token
    assert session_key.encode() not in zlib_contents(token)  # nor once undone from base64 and zlib
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a new key" + "x" * 50, [settings.SECRET_KEY]
    assert read_context(forwarded(token))["s"] == session_key  # sealed with the old key, opened with the fallback
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(WireError, match="not sealed by the host"):
        read_context(forwarded(context()[:-2] + "xx"))


def zlib_contents(token: str) -> bytes:
    """The token undone from base64, and from zlib where that works: what someone reading the wire can try."""
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    try:
        return raw + zlib.decompress(raw)
    except zlib.error:
        return raw


def test_props_cross_as_values_link_templates_and_recorded_callbacks() -> None:
    navigated = HttpResponse("navigated")
    offered = {
        "products_href": "/",
        "product_numeric_id": 7,
        "product_href": lambda product_id: f"/product/{product_id}/",
        "on_show_toast": lambda message, level: None,
        "on_go_to_payment": lambda: navigated,
    }
    calls: list[tuple[str, list[object]]] = []
    props = decode_props(encode_props(offered), calls)
    assert (props["products_href"], props["product_numeric_id"]) == ("/", 7)
    assert props["product_href"](42) == "/product/42/"
    props["on_show_toast"]("Added.", "success")
    assert props["on_go_to_payment"]().status_code == 204  # a stand-in: the host sends its own answer
    assert calls == [("on_show_toast", ["Added.", "success"]), ("on_go_to_payment", [])]


def test_a_callable_prop_outside_the_naming_convention_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="neither a link"):
        encode_props({"compute": lambda: 1})


def test_effects_round_trip_with_decimals_and_records() -> None:
    line = Line(product_id=3, line_total=Decimal("6.00"), selected=True)
    effects = Effects(
        calls=[("on_selected_items_change", [[line]])],
        changed=["cart"],
        events=[("cart:item-removed", {"product_id": 3})],
        session_changed=True,
    )
    back = Effects.decode(effects.encode())
    ((name, [[item]]),) = back.calls
    assert name == "on_selected_items_change"
    assert (item.product_id, item.line_total, item.selected) == (3, Decimal("6.00"), True)
    assert back.changed == ["cart"]
    assert back.events == [("cart:item-removed", {"product_id": 3})]
    assert back.session_changed is True
    assert Effects.decode(None) == Effects()
