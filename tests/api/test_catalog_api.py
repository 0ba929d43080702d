"""Tests of the catalog endpoints (api/views.py, api/filters.py)."""

import os

import pytest
from django.test import Client

from api.filters import MAX_IDS
from api.models import Product
from api.services import catalog_seed

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_list_is_paginated(client: Client, catalog: int) -> None:
    data = client.get("/api/products/").json()
    assert data["count"] == 24
    assert len(data["results"]) == 24
    first = data["results"][0]
    assert set(first) == {"id", "name", "slug", "description", "price", "currency", "stock", "in_stock", "image_url"}
    assert first["currency"] == "EUR"


def test_list_filters_by_ids(client: Client, catalog: int) -> None:
    wanted = list(Product.objects.values_list("id", flat=True)[:3])
    data = client.get("/api/products/", {"ids": ",".join(map(str, wanted))}).json()
    assert sorted(item["id"] for item in data["results"]) == sorted(wanted)


@pytest.mark.parametrize("ids", ["x,y", "1,abc", "1.5", "-"])
def test_malformed_ids_are_a_400_with_a_field_error(client: Client, catalog: int, ids: str) -> None:
    response = client.get("/api/products/", {"ids": ids})
    assert response.status_code == 400
    error = response.json()["error"]
    assert "whole numbers" in error["fields"]["ids"][0]
    assert error["message"] == error["fields"]["ids"][0]
    assert error["code"] == "invalid"


def test_too_many_ids_are_refused(client: Client, catalog: int) -> None:
    response = client.get("/api/products/", {"ids": ",".join(str(n) for n in range(1, MAX_IDS + 2))})
    assert response.status_code == 400
    assert f"at most {MAX_IDS}" in response.json()["error"]["fields"]["ids"][0]


def test_detail_and_missing_product(client: Client, catalog: int) -> None:
    product = Product.objects.first()
    assert client.get(f"/api/products/{product.pk}/").json()["name"] == product.name
    missing = client.get("/api/products/999999/")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": {"status": 404, "code": "not_found", "message": "No Product matches the given query.", "fields": {}}
    }


def test_page_past_the_end_is_a_404(client: Client, catalog: int) -> None:
    assert client.get("/api/products/", {"page": 99}).status_code == 404


def test_catalog_is_read_only(client: Client, catalog: int) -> None:
    assert client.post("/api/products/", {"name": "x"}).status_code in {403, 405}
    assert Product.objects.count() == 24


def test_placeholder_image_is_an_svg(client: Client, catalog: int) -> None:
    product = Product.objects.first()
    response = client.get(product.image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_schema_and_docs(client: Client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/products/" in schema["paths"]
    assert "/api/products/{id}/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/products/"]["get"]["parameters"]}
    assert {"ids", "page"} <= params
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def test_the_schema_describes_every_endpoint_without_warnings() -> None:
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", os.devnull)


def test_the_catalogs_total_is_counted_once_until_a_product_changes(
    client: Client, catalog: int, django_assert_num_queries
) -> None:
    catalog_seed(count=30)  # more than a page: the total is not the page's length
    with django_assert_num_queries(1):  # the page, and its total in the same query
        assert client.get("/api/products/").json()["count"] == 30
    with django_assert_num_queries(1):  # the page; the total is cached
        assert client.get("/api/products/").json()["count"] == 30
    product = Product.objects.first()
    product.pk = None
    product.slug = "a-copy"
    product.save()  # post_save: the cached totals are forgotten
    assert client.get("/api/products/").json()["count"] == 31
    Product.objects.filter(slug="a-copy").delete()
    assert client.get("/api/products/").json()["count"] == 30


@pytest.mark.parametrize("page_size", [3, 4, 5])
def test_a_first_page_that_holds_the_whole_list_is_its_own_count(
    client: Client, catalog: int, django_assert_num_queries, page_size: int
) -> None:
    ids = ",".join(str(pk) for pk in Product.objects.order_by("name", "pk").values_list("pk", flat=True)[:4])
    with django_assert_num_queries(1):  # the page, with its total (its own length, or read in the same query)
        body = client.get("/api/products/", {"ids": ids, "page_size": page_size}).json()
    assert body["count"] == 4
    assert len(body["results"]) == min(page_size, 4)
    assert (body["next"] is not None) == (page_size < 4)


def test_each_narrowed_list_keeps_its_own_total(client: Client, catalog: int) -> None:
    catalog_seed(count=30)
    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True)[:2])
    for _ in range(2):  # the second time from the cache
        assert client.get("/api/products/").json()["count"] == 30
        assert client.get("/api/products/", {"ids": f"{ids[0]},{ids[1]}", "page_size": 1}).json()["count"] == 2
        assert client.get("/api/products/", {"ids": ids[0], "page_size": 1}).json()["count"] == 1


def test_a_page_past_the_end_is_404_and_an_empty_catalog_is_an_empty_page(client: Client, catalog: int) -> None:
    catalog_seed(count=30)
    second = client.get("/api/products/", {"page": 2}).json()
    assert (second["count"], len(second["results"]), second["next"]) == (30, 6, None)
    assert client.get("/api/products/", {"page": 3}).status_code == 404
    Product.objects.all().delete()
    assert client.get("/api/products/").json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_a_visitors_own_lists_are_always_counted_afresh() -> None:
    from api.pagination import CachedCountPaginator, CatalogPagination, PageNumberWithSize

    assert not issubclass(PageNumberWithSize.django_paginator_class, CachedCountPaginator)
    assert CatalogPagination.django_paginator_class is CachedCountPaginator
