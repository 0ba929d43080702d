"""A failed Pay, with and without JavaScript (apps/payment/views.py): what comes back to the form, and what
never does."""

from dataclasses import asdict

import pytest
from django.test import Client

from api.client import cards, money
from api.models import Order
from apps.payment.retry import Retry
from tests.apps.payment.test_pay import CARD, pay

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def pay_without_javascript(client: Client, key: str, **card: str):
    """A plain form post, as a browser without JavaScript sends it from the payment page."""
    return client.post("/remotes/payment/pay/", {**CARD, **card, "key": key, "next": "/checkout/payment/"})


def payment_section(client: Client) -> str:
    html = client.get("/checkout/payment/").content.decode()
    return html[html.index('<section class="payment"') : html.index("</section>")]


def test_a_declined_card_without_javascript_comes_back_with_the_name_expiry_and_error(client: Client, checkout) -> None:
    response = pay_without_javascript(client, checkout["key"], number=cards.DECLINED, cvc="987")
    assert (response.status_code, response["Location"]) == (303, "/checkout/payment/")  # Post/Redirect/Get
    page = payment_section(client)
    assert 'value="Demo Shopper"' in page
    assert 'value="12/39"' in page
    assert page.count('role="alert"') == 1
    summary = page[page.index('id="payment-problems"') :]
    assert "autofocus" in summary[: summary.index(">")]  # the focus goes to what went wrong
    assert "Your card was declined." in summary
    assert cards.DECLINED not in page
    assert 'value="987"' not in page  # the CVC is never sent back (the random checkout key may hold those digits)
    assert not Order.objects.exists()
    assert "Your card was declined." not in payment_section(client)  # shown once: a reload asks nothing again
    assert pay(client, checkout["key"]).status_code == 200  # and it is still payable


def test_the_failed_pay_keeps_no_card_number_or_cvc_in_the_session(client: Client, checkout) -> None:
    pay_without_javascript(client, checkout["key"], number=cards.DECLINED, cvc="987")
    kept = str(client.session["payment.retry"])
    assert "Demo Shopper" in kept
    assert cards.DECLINED not in kept
    assert "987" not in kept


def test_an_empty_submit_without_javascript_ties_each_error_to_its_field(client: Client, checkout) -> None:
    empty = {"name": "", "number": "", "expiry": "", "cvc": ""}
    assert pay_without_javascript(client, checkout["key"], **empty).status_code == 303
    page = payment_section(client)
    assert page.count('role="alert"') == 1  # one summary, not four alerts
    for field in empty:
        assert f'aria-describedby="id_{field}_error"' in page
        assert f'id="id_{field}_error"' in page  # the element that aria-describedby names exists
        assert f'href="#id_{field}"' in page  # the summary links to the field
    assert page.count('aria-invalid="true"') == 4


def test_the_card_number_and_cvc_never_come_back_to_the_browser(client: Client, checkout) -> None:
    response = pay(client, checkout["key"], number=cards.DECLINED, cvc="987")
    html = response.content.decode()
    assert response.status_code == 422
    assert 'value="Demo Shopper"' in html
    assert cards.DECLINED not in html
    assert "987" not in html


def test_a_failed_pay_of_an_earlier_checkout_is_not_shown(client: Client, checkout) -> None:
    session = client.session
    session["payment.retry"] = asdict(Retry(key="checkout-paid-since", kept={"name": "Old Name"}, error="Declined."))
    session.save()
    page = payment_section(client)
    assert "Old Name" not in page
    assert "Declined." not in page


def test_the_pay_button_says_how_much(client: Client, checkout) -> None:
    assert f"Pay {money(checkout['first'].price, 'EUR')}" in checkout["page"]  # the selected line only


def test_the_card_fields_say_what_they_are_for_autofill(client: Client, checkout) -> None:
    for field, purpose in (("name", "cc-name"), ("number", "cc-number"), ("expiry", "cc-exp"), ("cvc", "cc-csc")):
        tag = checkout["page"][checkout["page"].index(f'name="{field}"') :]
        assert f'autocomplete="{purpose}"' in tag[: tag.index(">")]
