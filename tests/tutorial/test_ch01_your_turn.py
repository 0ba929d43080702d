"""Chapter 1, your turn: an "Empty the bag" button on the monolith's bag page."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from monolith.cart import SESSION_KEY
from monolith.models import Product
from tests.tutorial.reading import forms

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper(client: Client) -> Client:
    """A visitor of the monolith with two products in the cart."""
    call_command("loaddata", "monolith_catalog", verbosity=0)
    for product in Product.objects.order_by("pk")[:2]:
        client.post(reverse("monolith:add-to-cart", args=[product.pk]), {"quantity": 1})
    assert len(client.session[SESSION_KEY]) == 2
    return client


def empty_url() -> str:
    try:
        return reverse("monolith:bag-empty")
    except NoReverseMatch:
        pytest.fail('Name the new route "bag-empty" in monolith/urls.py, e.g. path("bag/empty/", ...).')


def test_the_bag_page_has_a_form_that_posts_to_empty_the_cart(shopper: Client) -> None:
    page = forms(shopper.get(reverse("monolith:bag")).content.decode())
    emptying = [form for form in page if form.action == empty_url()]
    assert emptying, f"The bag page needs a <form> whose action is {empty_url()} (the page has {len(page)} forms)."
    [form] = emptying
    assert form.method == "post", f'The form to empty the cart must use method="post", not "{form.method}".'
    assert "Empty the bag" in form.buttons, f'Its button must say "Empty the bag" (it has {form.buttons}).'


def test_posting_empties_the_cart_and_comes_back_to_the_bag(shopper: Client) -> None:
    response = shopper.post(empty_url(), follow=True)
    assert response.redirect_chain == [(reverse("monolith:bag"), 302)]
    assert SESSION_KEY not in shopper.session
    assert "Your bag is empty." in response.content.decode()


def test_only_a_post_empties_it(shopper: Client) -> None:
    assert shopper.get(empty_url()).status_code == 405  # a link or a prefetch must never empty a cart
    assert len(shopper.session[SESSION_KEY]) == 2
