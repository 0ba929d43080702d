"""Tests of cached route links (federation/links.py)."""

import pytest
from django.urls import reverse, set_script_prefix

from federation.links import link


@pytest.mark.parametrize("product_id", [1, 42, 999_999_999_999_999_999])
def test_a_link_is_what_reverse_gives(product_id: int) -> None:
    expected = reverse("product-detail", kwargs={"product_numeric_id": product_id})
    assert link("product-detail", "product_numeric_id", product_id) == expected


def test_links_follow_the_script_prefix_and_the_urlconf() -> None:
    set_script_prefix("/shop/")
    try:
        assert link("product-detail", "product_numeric_id", 7) == "/shop/product/7/"
    finally:
        set_script_prefix("/")
    assert link("product-detail", "product_numeric_id", 7) == "/product/7/"
    assert link("api:product-image", "pk", 7) == "/api/products/7/image.svg"


def test_the_link_tag_gives_what_the_url_tag_gives() -> None:
    from django.template import Context, Template

    rendered = Template(
        "{% load links %}{% link 'products:add-to-cart' product_numeric_id=7 as a %}"
        "{% url 'products:add-to-cart' 7 as b %}{{ a }}|{{ b }}"
    ).render(Context())
    first, second = rendered.split("|")
    assert first == second == "/remotes/products/7/add-to-cart/"


def test_the_link_tag_takes_exactly_one_parameter() -> None:
    from django.template import Context, Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="exactly one parameter"):
        Template("{% load links %}{% link 'cart:remove' %}").render(Context())
