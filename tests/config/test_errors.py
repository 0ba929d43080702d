"""One error shape (config/errors.py): the API and a remote's own JSON endpoint answer errors alike."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SHAPE = {"status", "code", "message", "fields"}


def test_the_api_and_the_analytics_beacon_answer_a_bad_request_in_one_shape(client: Client) -> None:
    api = client.get("/api/products/", {"ids": "1,x"})
    beacon = client.post(
        "/remotes/analytics/events/",
        json.dumps({"name": "cart:item-added", "payload": {"product_id": 3, "quantity": 1}, "path": "/" * 201}),
        content_type="application/json",
    )
    assert (api.status_code, beacon.status_code) == (400, 400)
    for answer in (api.json(), beacon.json()):
        assert set(answer) == {"error"}
        assert set(answer["error"]) == SHAPE
        assert answer["error"]["status"] == 400
        assert answer["error"]["code"] == "invalid"
    assert beacon.json()["error"]["fields"] == {"path": ["The path must be text of at most 200 characters."]}
