"""Tests of the remotes' system checks (federation/checks.py): the prop-naming convention."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps as registry
from django.http import HttpRequest

import apps.cart
from federation.checks import check_prop_names
from federation.components import misnamed_props
from federation.remote import RemoteConfig


@dataclass(frozen=True, kw_only=True)
class WishlistProps:
    products_href: str
    product_href: Callable[[int], str]
    on_show_toast: Callable[[str], None]
    navigate: Callable[[str], object] | None = None  # a callback, but not named like one


def wishlist(request: HttpRequest, props: WishlistProps) -> str:
    return ""


def remote_exposing(dotted_path: str) -> RemoteConfig:
    config_class = type("WishlistConfig", (RemoteConfig,), {"exposes": {"Wishlist": dotted_path}})
    return config_class("apps.cart", apps.cart)


def test_a_callable_prop_named_neither_link_nor_callback_is_an_error() -> None:
    errors = check_prop_names(app_configs=[remote_exposing(f"{__name__}.wishlist")])
    assert [e.id for e in errors] == ["federation.E003"]
    assert "'navigate'" in errors[0].msg


def test_every_installed_remote_follows_the_convention() -> None:
    assert check_prop_names(app_configs=registry.get_app_configs()) == []
    assert misnamed_props(WishlistProps) == ["navigate"]
