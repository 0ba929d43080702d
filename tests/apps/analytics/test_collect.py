"""Tests of the analytics beacon endpoint (apps/analytics/views.py) and its listener's place on every page."""

import json
import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from apps.analytics.models import AnalyticsEvent

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

URL = "/remotes/analytics/events/"
GOOD = {"name": "cart:item-added", "payload": {"product_id": 3, "quantity": 1}, "path": "/"}
ORDER_PLACED = {"name": "checkout:order-placed", "payload": {"order_id": 1, "total": "9.99", "currency": "EUR"}}


def send(client: Client, body: object, **kwargs) -> object:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **kwargs)


def test_a_valid_event_is_recorded(client: Client) -> None:
    assert send(client, GOOD).status_code == 204
    event = AnalyticsEvent.objects.get()
    assert (event.name, event.payload, event.path) == ("cart:item-added", {"product_id": 3, "quantity": 1}, "/")


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("{not json", 400, "as JSON"),
        ([1, 2], 400, '"name"'),
        ({**GOOD, "name": "cart:exploded"}, 400, "Unknown event"),
        ({**GOOD, "payload": {"product_id": "3", "quantity": 1}}, 400, "must be a int"),
        ({**GOOD, "payload": {"product_id": 3}}, 400, "exactly"),
        ({**GOOD, "path": "/" * 201}, 400, "at most 200"),
        ({**GOOD, "payload": {"blob": "x" * 3000}}, 413, "at most 2048 bytes"),
    ],
)
def test_bad_reports_are_refused_and_store_nothing(client: Client, body: object, status: int, message: str) -> None:
    response = send(client, body)
    assert response.status_code == status
    assert message in response.json()["error"]["message"]
    assert not AnalyticsEvent.objects.exists()


def test_cross_site_reports_are_refused() -> None:
    response = send(Client(enforce_csrf_checks=True), GOOD, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert not AnalyticsEvent.objects.exists()


def test_a_burst_above_the_rate_gets_429(client: Client, settings: Settings) -> None:
    settings.ANALYTICS = {"RATE_PER_MINUTE": 5}
    statuses = [send(client, GOOD).status_code for _ in range(7)]
    assert statuses == [204] * 5 + [429] * 2
    assert AnalyticsEvent.objects.count() == 5


def test_get_is_not_allowed(client: Client) -> None:
    assert client.get(URL).status_code == 405


def test_every_page_carries_the_listener_and_the_catalog(client: Client, catalog: int) -> None:
    html = client.get("/").content.decode()
    assert 'data-mount="analytics/Tracker"' in html
    assert 'src="/static/analytics/analytics.js" data-endpoint="/remotes/analytics/events/"' in html
    assert '"cart:item-added": ["product_id", "quantity"]' in html


def csrf_token_of_a_page(client: Client) -> str:
    """The token a page gives its listener (the CSRF cookie is HttpOnly)."""
    return re.search(r'data-csrf-token="([^"]+)"', client.get("/").content.decode())[1]


def beacon(client: Client, events: object, token: str) -> object:
    """A batch as navigator.sendBeacon sends it: a form, the token among its fields."""
    return form(client, {"csrfmiddlewaretoken": token, "events": json.dumps(events)})


def form(client: Client, fields: dict[str, str]) -> object:
    return client.post(URL, urlencode(fields), content_type="application/x-www-form-urlencoded")


def test_a_beacon_records_its_whole_batch_with_the_token_in_the_form(catalog: int) -> None:
    client = Client(enforce_csrf_checks=True)
    second = {**GOOD, "name": "host:page-view", "payload": {"path": "/bag/"}}
    assert beacon(client, [GOOD, second], csrf_token_of_a_page(client)).status_code == 204
    assert sorted(AnalyticsEvent.objects.values_list("name", flat=True)) == ["cart:item-added", "host:page-view"]
    assert beacon(client, [GOOD], "forged").status_code == 403


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([GOOD, {**GOOD, "name": "cart:exploded"}], "Unknown event"),  # one bad event: none is recorded
        ([GOOD] * 21, "between 1 and 20 events"),
        ([], "between 1 and 20 events"),
        ({"name": "cart:item-added"}, "between 1 and 20 events"),
    ],
)
def test_a_bad_batch_is_refused_whole(client: Client, events: object, message: str) -> None:
    response = form(client, {"events": json.dumps(events)})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert not AnalyticsEvent.objects.exists()


def test_a_multipart_form_is_refused_with_a_message(client: Client) -> None:
    response = client.post(URL, {"events": json.dumps([GOOD])})  # the test client's default: multipart
    assert response.status_code == 415
    assert "as a beacon does" in response.json()["error"]["message"]
    assert not AnalyticsEvent.objects.exists()


def test_the_rate_counts_events_not_beacons(client: Client, settings: Settings) -> None:
    settings.ANALYTICS = {"RATE_PER_MINUTE": 5}
    assert form(client, {"events": json.dumps([GOOD] * 4)}).status_code == 204
    assert form(client, {"events": json.dumps([GOOD] * 2)}).status_code == 429
    assert AnalyticsEvent.objects.count() == 4


@pytest.mark.parametrize(
    ("report", "field"),
    [
        ({**GOOD, "path": "/\x00"}, "path"),
        ({**GOOD, "path": "/\ud800"}, "path"),  # half of a surrogate pair: JSON allows it, UTF-8 cannot encode it
        ({"name": "host:page-view", "payload": {"path": "/bag/\x00"}, "path": "/"}, "path"),
        ({**ORDER_PLACED, "payload": {**ORDER_PLACED["payload"], "currency": "EU\udfffR"}}, "currency"),
    ],
)
def test_text_no_database_keeps_is_refused_naming_the_field(client: Client, report: dict, field: str) -> None:
    """Issue 27.2: PostgreSQL answered 500 for these (the test runs there in the PostgreSQL tier)."""
    response = send(client, json.dumps(report))  # JSON escapes them: "\u0000", "\ud800"
    assert response.status_code == 400
    assert "half of a surrogate pair" in response.json()["error"]["fields"][field][0]
    assert not AnalyticsEvent.objects.exists()


def test_a_made_up_session_cookie_buys_no_window_of_its_own(client: Client, settings: Settings) -> None:
    """Issue 27.3: a new `sessionid` per report got every event past the limit."""
    settings.ANALYTICS = {"RATE_PER_MINUTE": 5}
    statuses = []
    for n in range(8):
        client.cookies["sessionid"] = f"madeup{n:026d}"
        statuses.append(send(client, GOOD).status_code)
    assert statuses == [204] * 5 + [429] * 3
    assert AnalyticsEvent.objects.count() == 5


def test_visitors_behind_one_address_each_have_a_window_under_the_addresss(settings: Settings) -> None:
    settings.ANALYTICS = {"RATE_PER_MINUTE": 3, "ADDRESS_RATE_PER_MINUTE": 5}
    first, second = Client(), Client()  # two browsers in one office
    for visitor in (first, second):
        visitor.session.save()  # a session the site issued
    assert [send(first, GOOD).status_code for _ in range(4)] == [204, 204, 204, 429]  # the visitor's own limit
    assert [send(second, GOOD).status_code for _ in range(2)] == [204, 429]  # then the address's, all together
    assert AnalyticsEvent.objects.count() == 4
