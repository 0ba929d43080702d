"""Tests of mounting by name (host/registry.py, host/mount.py), the host props (host/props.py) and the checks."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.http import HttpResponseRedirect
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.fixtures import Settings

from apps.products.props import ProductDetailProps
from host import mount as mounting
from host import registry
from host.checks import check_remotes
from host.props import host_props


def test_remotes_come_from_settings_by_name(settings: Settings) -> None:
    mounted = registry.remotes()
    assert list(mounted) == list(settings.FEDERATION["REMOTES"])
    assert {"products", "cart", "payment", "analytics"} <= set(mounted)
    assert mounted["cart"].config.name == "apps.cart"
    assert mounted["cart"].config.exposes["CartBadge"] == "apps.cart.components.cart_badge"


def test_component_loads_from_exposes_with_its_props_type() -> None:
    loaded = mounting.component("products/ProductDetail")
    assert loaded.qualified_name == "products/ProductDetail"
    assert loaded.props_type.__name__ == "ProductDetailProps"


def test_props_are_taken_from_what_the_host_offers(rf: RequestFactory) -> None:
    offered = host_props(rf.get("/"), product_numeric_id=7)
    props = mounting.component("products/ProductDetail").props_from(offered)
    # The host offers more than the remote declares (bag_href, …); the dataclass would refuse any of it.
    assert "bag_href" in offered
    assert isinstance(props, ProductDetailProps)
    assert (props.product_numeric_id, props.products_href) == (7, "/")
    assert props.on_page_title is offered["on_page_title"]


def test_missing_props_are_a_clear_error() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"products/ProductDetail needs props .*product_numeric_id"):
        mounting.component("products/ProductDetail").props_from({"products_href": "/"})


@pytest.mark.parametrize(
    ("name", "message"),
    [("shipping/Tracker", "No remote named 'shipping'"), ("cart/Checkout", "does not expose 'Checkout'")],
)
def test_unknown_component_is_a_clear_error(name: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        mounting.component(name)


def test_host_product_href_is_the_host_route() -> None:
    assert host_props(RequestFactory().get("/"))["product_href"](12) == reverse(
        "product-detail", kwargs={"product_numeric_id": 12}
    )


def test_remote_routes_are_included_under_their_prefix_and_namespace() -> None:
    assert reverse("products:detail", args=[3]) == "/remotes/products/3/"
    assert reverse("cart:bag") == "/remotes/cart/bag/"


@pytest.mark.django_db
def test_checks_pass_for_the_project() -> None:
    assert check_remotes() == []
    call_command("check")


@pytest.mark.django_db
def test_check_reports_a_remote_that_is_not_installed(settings: Settings) -> None:
    settings.FEDERATION = {"REMOTES": {"shipping": {"APP": "apps.shipping"}}}
    errors = check_remotes()
    assert [e.id for e in errors] == ["federation.E001"]
    assert "apps.shipping" in errors[0].msg
    with pytest.raises(SystemCheckError):
        call_command("check")


def _broken_component(request, props: "int") -> str:  # props must be a dataclass
    return ""


def test_check_reports_a_component_without_a_props_dataclass(monkeypatch: pytest.MonkeyPatch) -> None:
    cart = registry.remotes()["cart"].config
    monkeypatch.setattr(type(cart), "exposes", {"Bag": f"{__name__}._broken_component"})
    mounting.component.cache_clear()
    try:
        errors = check_remotes()
    finally:
        mounting.component.cache_clear()
    assert [e.id for e in errors] == ["federation.E002"]
    assert "cart/Bag" in errors[0].msg


def test_mount_html_refuses_a_component_that_navigates(monkeypatch: pytest.MonkeyPatch, rf: RequestFactory) -> None:
    # A template tag or an out-of-band swap has room only for HTML: a navigation there is a bug, said clearly.
    monkeypatch.setattr(mounting, "mount", lambda *args, **kwargs: HttpResponseRedirect("/bag/", status=303))
    with pytest.raises(TypeError, match="payment/Payment navigated away where only its HTML can go"):
        mounting.mount_html(rf.get("/"), "payment/Payment", {})
