"""Dispatch is atomic under real concurrent requests from one visitor (two tabs, or fifty).

On SQLite the dispatch transactions start with BEGIN IMMEDIATE and queue on the database's write lock; on
PostgreSQL each takes a row lock with SELECT … FOR UPDATE. Either way no update is lost. The test commits for
real (a transactional test), so each thread's own connection sees what the others committed.
"""

import pytest
from django.test import Client

from api.models import Product
from api.services import catalog_seed
from shared_store.models import StoreRecord
from tests.helpers import run_concurrently

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

# Each thread holds a database connection of its own: 50 of them, plus the test's, stay well within
# PostgreSQL's default max_connections (100).
TABS = 50


def test_concurrent_add_to_cart_requests_for_one_visitor_all_count() -> None:
    catalog_seed(count=2)
    first, second = Product.objects.order_by("pk")
    Product.objects.filter(pk=second.pk).update(stock=99)
    visitor = Client()
    # The visitor already has a session (and a store), as any two tabs of one browser do.
    assert visitor.post(f"/remotes/products/{first.pk}/add-to-cart/", {"quantity": 1}).status_code == 303
    cookie = visitor.cookies["sessionid"].value

    def add_one() -> int:
        tab = Client(headers={"HX-Request": "true"})
        tab.cookies["sessionid"] = cookie
        return tab.post(f"/remotes/products/{second.pk}/add-to-cart/", {"quantity": 1}).status_code

    statuses = run_concurrently(TABS, add_one)
    assert statuses == [200] * TABS
    [record] = StoreRecord.objects.all()
    quantities = {line["product_id"]: line["quantity"] for line in record.state["cart"]["lines"]}
    assert quantities == {first.pk: 1, second.pk: TABS}
    assert record.version == TABS + 1
