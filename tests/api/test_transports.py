"""Both transports of the shared client return equal data (api/client/transport.py): in process the serializers'
data is handed over without JSON, over the network it is JSON; the API's serializers define the shape of both."""

import json
from decimal import Decimal

import httpx
import pytest
from rest_framework_simplejwt.tokens import AccessToken

from api.client import http_client
from api.client.transport import data_of, is_json_native
from api.models import Product
from api.services import catalog_seed, order_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paths(demo_user) -> list[str]:
    """Every kind of read the shop's apps make: catalog pages, products by id, one product, the user, orders."""
    catalog_seed(count=30)
    ids = list(Product.objects.order_by("name", "pk").values_list("pk", flat=True)[:3])
    order = order_create(user=demo_user, lines=[{"product_id": ids[0], "quantity": 2}])
    return [
        "/api/products/",
        "/api/products/?page=2",
        f"/api/products/?ids={','.join(map(str, ids))}&page_size=3",
        f"/api/products/{ids[1]}/",
        "/api/me/",
        "/api/orders/",
        f"/api/orders/{order.pk}/",
    ]


def test_in_process_data_is_what_its_json_decodes_to(paths: list[str], demo_user) -> None:
    headers = {"Authorization": f"Bearer {AccessToken.for_user(demo_user)}", "Accept": "application/json"}
    for path in paths:
        response = http_client().get(path, headers=headers)
        assert response.status_code == 200, path
        assert "mfe_data" in response.extensions, path  # handed over, not decoded
        assert data_of(response) == json.loads(response.content), path


def test_in_process_and_over_the_network_return_equal_data(paths: list[str], demo_user, live_server) -> None:
    headers = {"Authorization": f"Bearer {AccessToken.for_user(demo_user)}", "Accept": "application/json"}
    for path in paths:
        in_process = data_of(http_client().get(path, headers=headers))
        over_http = httpx.get(f"{live_server.url}{path}", headers=headers).json()
        # Links in a page (next, previous) name the host they were asked on: compare them without it.
        for body in (in_process, over_http):
            if isinstance(body, dict):
                for key in ("next", "previous"):
                    if body.get(key):
                        body[key] = httpx.URL(body[key]).raw_path.decode()
        assert in_process == over_http, path


def test_an_error_is_read_from_its_json_body(catalog: int) -> None:
    response = http_client().get("/api/products/", params={"ids": "x"})
    assert response.status_code == 400
    assert data_of(response)["error"]["fields"]["ids"]


@pytest.mark.parametrize(
    ("data", "native"),
    [
        ({"a": [1, 2.5, "x", True, None]}, True),
        ({"price": Decimal("1.00")}, False),  # JSON would make it a string or a float
        ({1: "a"}, False),  # JSON keys are strings
        ({"lines": (1, 2)}, False),  # JSON has no tuples
    ],
)
def test_only_data_that_json_would_give_back_unchanged_is_handed_over(data: object, native: bool) -> None:
    assert is_json_native(data) is native


def test_a_path_outside_ascii_reaches_the_api_as_a_server_would_pass_it(catalog: int) -> None:
    response = http_client().get("/api/products/€/")
    assert response.status_code == 404  # not a product id: the API's own JSON 404, not a crash in between
    assert data_of(response)["error"]["code"] == "not_found"
