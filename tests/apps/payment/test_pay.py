"""Paying through the site (apps/payment/views.py, services.py): once, at the catalog's prices."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from api import services
from api.client import cards
from api.models import Order, Product
from shared_store.models import StoreRecord
from shared_store.store import account_store_id
from tests.apps.products.markup import tags
from tests.helpers import badge_label, htmx_headers

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

CARD = {"name": "Demo Shopper", "number": "4242 4242 4242 4242", "expiry": "12/39", "cvc": "123"}


def pay(client: Client, key: str, **card: str):
    return client.post(
        "/remotes/payment/pay/", {**CARD, **card, "key": key}, headers=htmx_headers("/checkout/payment/")
    )


def test_the_payment_page_shows_the_selected_line_and_survives_a_reload(client: Client, checkout) -> None:
    assert checkout["first"].name in checkout["page"]
    assert checkout["second"].name not in checkout["page"]
    again = client.get("/checkout/payment/").content.decode()
    again = again[again.index('<section class="payment"') : again.index("</section>")]
    assert checkout["first"].name in again
    assert f'value="{checkout["key"]}"' in again


def test_paying_places_the_order_and_empties_only_the_bought_lines(client: Client, checkout) -> None:
    response = pay(client, checkout["key"])
    order = Order.objects.get()
    assert response["HX-Redirect"] == f"/checkout/thanks/{order.pk}/"
    assert [line.product_id for line in order.lines.all()] == [checkout["first"].pk]
    assert order.total == checkout["first"].price
    assert order.paid_with == "•••• 4242"
    thanks = client.get(f"/checkout/thanks/{order.pk}/").content.decode()
    assert f"Order <strong>#{order.pk}</strong> is placed" in thanks
    assert badge_label(thanks) == "Bag, 1 item"
    assert "nothing to pay yet" in client.get("/checkout/payment/", follow=True).content.decode()


def test_a_declined_card_says_so_and_changes_nothing(client: Client, checkout) -> None:
    response = pay(client, checkout["key"], number=cards.DECLINED)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Your card was declined." in html
    assert cards.DECLINED not in html  # the card number is never sent back
    assert not Order.objects.exists()
    assert badge_label(client.get("/").content.decode()) == "Bag, 2 items"
    assert checkout["first"].name in client.get("/checkout/payment/").content.decode()  # still pending
    assert pay(client, checkout["key"]).status_code == 200  # and payable with another card


def test_a_provider_error_says_so_and_changes_nothing(client: Client, checkout) -> None:
    response = pay(client, checkout["key"], number=cards.PROVIDER_ERROR)
    assert response.status_code == 422
    assert "payment provider is not answering" in response.content.decode()
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("card", "message"),
    [({"number": "4242 4242 4242 4241"}, "not valid"), ({"expiry": "01/20"}, "expired"), ({"cvc": ""}, "required")],
)
def test_bad_card_details_show_field_errors(client: Client, checkout, card: dict, message: str) -> None:
    response = pay(client, checkout["key"], **card)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Order.objects.exists()


def test_a_second_submit_of_the_same_checkout_gives_the_same_order(client: Client, checkout) -> None:
    first = pay(client, checkout["key"])
    second = pay(client, checkout["key"])  # the double click's second request, after the first was paid
    assert Order.objects.count() == 1
    assert second["HX-Redirect"] == first["HX-Redirect"] == f"/checkout/thanks/{Order.objects.get().pk}/"


def test_a_pay_while_the_same_checkout_is_still_being_paid_is_told_so_at_once(
    client: Client, checkout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 29.8: the request slept and asked again, up to five times; now the shopper is told at once, and
    paying again later gets the first attempt's order (the same key)."""

    def still_processing(**kwargs: object) -> None:
        raise services.StillProcessing()  # the API's 409: the first attempt with this key is still running

    monkeypatch.setattr(services, "order_place", still_processing)
    response = pay(client, checkout["key"])
    assert response.status_code == 422
    assert "already under way" in response.content.decode()
    assert not Order.objects.exists()


def test_a_stale_form_is_refused(client: Client, checkout) -> None:
    response = pay(client, "checkout-from-an-old-tab")
    assert response.status_code == 422
    assert "changed in another tab" in response.content.decode()
    assert not Order.objects.exists()


def test_a_price_changed_since_it_was_added_is_refused(client: Client, checkout) -> None:
    Product.objects.filter(pk=checkout["first"].pk).update(price=checkout["first"].price + 1)
    response = pay(client, checkout["key"])
    assert response.status_code == 422
    assert "Prices have changed" in response.content.decode()
    assert not Order.objects.exists()


def test_another_users_thank_you_page_is_a_404(client: Client, checkout) -> None:
    pay(client, checkout["key"])
    order = Order.objects.get()
    get_user_model().objects.create_user("other", password="other-pass-123")
    other = Client()
    other.post("/login/", {"username": "other", "password": "other-pass-123"})
    response = other.get(f"/checkout/thanks/{order.pk}/")
    assert response.status_code == 404
    assert f"There is no order {order.pk} of yours." in response.content.decode()


def test_purchased_lines_leave_the_store(client: Client, checkout, demo_user) -> None:
    pay(client, checkout["key"])
    lines = StoreRecord.objects.get(store_id=account_store_id(demo_user.pk)).state["cart"]["lines"]
    assert [line["product_id"] for line in lines] == [checkout["second"].pk]


def test_paying_after_the_session_ended_asks_to_log_in_and_keeps_the_checkout(client: Client, checkout) -> None:
    from django.contrib.auth import SESSION_KEY

    session = client.session
    del session[SESSION_KEY]
    session.save()
    response = pay(client, checkout["key"])
    assert response["HX-Redirect"] == "/login/?next=/checkout/payment/"
    assert not Order.objects.exists()
    client.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    assert checkout["first"].name in client.get("/checkout/payment/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/remotes/payment/orders/",
        "/remotes/payment/thanks/1/",
        "/remotes/payment/payment/",
    ],
)
def test_the_remotes_own_pages_send_anonymous_visitors_to_log_in(client: Client, catalog: int, path: str) -> None:
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, f"/login/?next={path}")


def test_the_remotes_own_thank_you_page_is_only_the_orders_owners(client: Client, checkout) -> None:
    pay(client, checkout["key"])
    order = Order.objects.get()
    assert client.get(f"/remotes/payment/thanks/{order.pk}/").status_code == 200
    get_user_model().objects.create_user("other", password="other-pass-123")
    other = Client()
    other.post("/login/", {"username": "other", "password": "other-pass-123"})
    assert other.get(f"/remotes/payment/thanks/{order.pk}/").status_code == 404


def test_paying_when_the_login_cannot_be_renewed_asks_to_log_in_and_the_account_keeps_the_bag(
    client: Client, checkout, demo_user
) -> None:
    from shared_store import select
    from shared_store.slices import user

    request = RequestFactory().get("/")
    request.session = client.session
    refresh = select(request, user.select_tokens)["refresh"]
    client.post("/api/token/blacklist/", {"refresh": refresh}, content_type="application/json")  # signed out elsewhere
    response = pay(client, checkout["key"])
    assert response["HX-Redirect"] == "/login/?next=/bag/"
    assert not Order.objects.exists()
    client.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    assert badge_label(client.get("/bag/").content.decode()) == "Bag, 2 items"  # nothing the shopper chose is lost


def test_what_is_left_in_the_bag_after_paying_is_ticked_for_the_next_purchase(client: Client, checkout) -> None:
    """Issue 28.5: the line left unticked for this purchase stayed unticked ("To pay now (0 items)")."""
    second = checkout["second"]
    before = client.get("/bag/").content.decode()
    assert "checked" not in box_of(before, second.pk)  # back in the bag before paying: still as the shopper left it
    pay(client, checkout["key"])
    after = client.get("/bag/").content.decode()
    assert "checked" in box_of(after, second.pk)
    assert "1 of 1 item selected" in after


def box_of(html: str, product_id: int) -> dict[str, str | None]:
    [box] = [field for field in tags(html, "input") if field.get("id") == f"bag-select-{product_id}"]
    return box
