"""The shared client's cache of public reads (api/client/cache.py): what it keeps, and when it forgets it."""

import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries, Settings
from rest_framework_simplejwt.tokens import AccessToken

from api.client import ApiClient, api_called
from api.client.cache import CachedRead, cache_enabled, cached_read, products_changed
from api.models import Product
from api.services import catalog_seed
from tests.helpers import htmx_headers, run_concurrently

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def cache_on(settings: Settings) -> None:
    settings.API_CACHE = {"ENABLED": True}


@pytest.fixture
def calls() -> Iterator[list[tuple[str, str]]]:
    """Every answer of the shared client from now on: its kind ("call", "cached", …) and its method and path."""
    seen: list[tuple[str, str]] = []

    def record(*, kind: str, method: str, url: str, **kwargs: object) -> None:
        seen.append((kind, f"{method} {urlsplit(url).path}"))

    api_called.connect(record)
    yield seen
    api_called.disconnect(record)


@pytest.fixture
def product(catalog: int) -> Product:
    """The catalog's first product, on its first page, with 5 in stock: its pages say "Only 5 left"."""
    first = Product.objects.order_by("name", "pk").first()
    first.stock = 5
    first.save()
    return first


@pytest.fixture
def paying(client: Client, product: Product, demo_user) -> str:
    """`product` in the bag, handed over to payment, the visitor logged in: the payment form's key."""
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    client.post("/remotes/cart/checkout/")
    client.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    html = client.get("/checkout/payment/").content.decode()
    return html.split('name="key" value="')[1].split('"')[0]


def read(path: str, **params: object) -> dict:
    return ApiClient().get(path, params=params or None, authenticated=False)


def lookup(path: str) -> CachedRead:
    """The cache's entry for a public read of `path`, looked up."""
    found = cached_read("GET", path, params=None, signed=False, headers=None)
    assert found is not None
    return found


def pages(client: Client, product: Product) -> tuple[str, str]:
    """The composed shop's catalog page and the product's page, as a visitor sees them."""
    return client.get("/").content.decode(), client.get(f"/product/{product.pk}/").content.decode()


@pytest.mark.usefixtures("cache_on")
def test_a_public_read_is_answered_from_the_cache_without_a_query(
    product: Product, calls: list, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        first = read(f"/api/products/{product.pk}/")
    with django_assert_num_queries(0):
        assert read(f"/api/products/{product.pk}/") == first
    with django_assert_num_queries(1):
        page = read("/api/products/", page=1)
    with django_assert_num_queries(0):
        assert read("/api/products/", page=1) == page
    path = f"GET /api/products/{product.pk}/"
    assert calls == [("call", path), ("cached", path), ("call", "GET /api/products/"), ("cached", "GET /api/products/")]


@pytest.mark.usefixtures("cache_on")
def test_the_shops_pages_read_the_catalog_from_the_cache_without_a_query(
    client: Client, product: Product, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    pages(client, product)  # a session and a store id for the visitor; the catalog's answers in the cache
    with django_assert_num_queries(2):  # the session, the store: no query of the API's (3 without the cache)
        assert client.get("/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get(f"/product/{product.pk}/").status_code == 200


def test_with_the_cache_off_every_read_asks_the_api(
    settings: Settings, product: Product, calls: list, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    settings.API_CACHE = {"ENABLED": False}
    for _ in range(2):
        with django_assert_num_queries(1):
            read(f"/api/products/{product.pk}/")
    assert [kind for kind, _ in calls] == ["call", "call"]


def test_by_default_it_is_on_only_when_every_process_shares_the_cache(settings: Settings, tmp_path) -> None:
    settings.API_CACHE = {}
    assert not cache_enabled()  # the tests' cache is LocMem: each process keeps its own
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    assert cache_enabled()  # a cache every process of this machine reads
    settings.API_CACHE = {"ENABLED": False}
    assert not cache_enabled()


@pytest.mark.usefixtures("cache_on")
def test_a_price_saved_in_the_admin_is_on_the_next_pages(client: Client, product: Product, demo_user) -> None:
    before_list, before_detail = pages(client, product)
    assert f"€{product.price}" in before_list
    assert f"€{product.price}" in before_detail
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "admin-pass")
    editor = Client()
    editor.force_login(admin)
    form = {"name": product.name, "slug": product.slug, "description": product.description}
    form |= {"price": "123.45", "currency": product.currency, "stock": product.stock}
    assert editor.post(f"/admin/api/product/{product.pk}/change/", form).status_code == 302

    after_list, after_detail = pages(client, product)
    assert "€123.45" in after_list
    assert "€123.45" in after_detail
    assert f"€{product.price}" not in after_detail


@pytest.mark.usefixtures("cache_on")
def test_a_price_saved_by_code_is_on_the_next_pages(client: Client, product: Product) -> None:
    pages(client, product)
    product.price = Decimal("77.70")
    product.save()
    assert all("€77.70" in page for page in pages(client, product))


@pytest.mark.usefixtures("cache_on")
def test_a_change_behind_the_orms_back_shows_once_a_service_rewrites_the_catalog(
    client: Client, product: Product
) -> None:
    pages(client, product)
    Product.objects.filter(pk=product.pk).update(price=Decimal("1.00"))  # raw update: no signal, nothing invalidated
    assert "€1.00" not in pages(client, product)[1]  # still the cached answer, for TIMEOUT seconds at most
    catalog_seed(count=24)  # a bulk write (no signal): every answer of the catalog is read afresh
    assert all(f"€{product.price}" in page for page in pages(client, product))


@pytest.mark.usefixtures("cache_on")
def test_a_product_created_then_deleted_comes_and_goes_on_the_catalog_page(client: Client, catalog: int) -> None:
    client.get("/")
    created = Product.objects.create(name="AAA First Of All", slug="aaa", price=Decimal("3.00"), stock=9)
    assert "AAA First Of All" in client.get("/").content.decode()
    assert client.get(f"/product/{created.pk}/").status_code == 200
    created.delete()
    assert "AAA First Of All" not in client.get("/").content.decode()
    assert client.get(f"/product/{created.pk}/").status_code == 404


@pytest.mark.usefixtures("cache_on")
def test_stock_sold_by_an_order_is_on_the_next_pages(client: Client, product: Product, paying: str) -> None:
    shopper = Client()  # another visitor, reading the catalog from the cache
    assert all("Only 5 left" in page for page in pages(shopper, product))
    card = {"name": "Demo Shopper", "number": "4242 4242 4242 4242", "expiry": "12/39", "cvc": "123"}
    paid = client.post("/remotes/payment/pay/", {**card, "key": paying}, headers=htmx_headers("/checkout/payment/"))
    assert paid.has_header("HX-Redirect"), paid.content.decode()
    assert all("Only 4 left" in page for page in pages(shopper, product))


@pytest.mark.usefixtures("cache_on")
def test_a_logged_in_visitors_own_reads_are_never_cached(client: Client, paying: str, calls: list) -> None:
    # `paying` logged the visitor in with a bag; their orders page reads /api/me/ and /api/orders/.
    for _ in range(2):
        assert client.get("/account/orders/").status_code == 200
        assert client.get("/bag/").status_code == 200
    private = [(kind, path) for kind, path in calls if not path.startswith("GET /api/products/")]
    assert {path for _, path in private} == {"GET /api/me/", "GET /api/orders/"}
    assert {kind for kind, _ in private} == {"call"}
    # The bag's products, asked for by id: public data, but the visitor's bag names them. Never cached either.
    bag_reads = [kind for kind, path in calls if path == "GET /api/products/"]
    assert bag_reads
    assert set(bag_reads) == {"call"}


@pytest.mark.usefixtures("cache_on")
def test_a_signed_read_is_never_answered_from_the_cache(product: Product, demo_user, calls: list) -> None:
    path = f"/api/products/{product.pk}/"
    read(path)
    read(path)  # now in the cache
    ApiClient().get(path)  # authenticated (the default): the client would sign it
    token = {"Authorization": f"Bearer {AccessToken.for_user(demo_user)}"}
    ApiClient().request_json("GET", path, authenticated=False, headers=token)
    assert [kind for kind, _ in calls] == ["call", "cached", "call", "call"]


@pytest.mark.usefixtures("cache_on")
def test_only_the_allow_listed_reads_are_cached(product: Product) -> None:
    def cached(method: str, path: str, **params: object) -> bool:
        return cached_read(method, path, params=params, signed=False, headers=None) is not None

    assert cached("GET", "/api/products/")
    assert cached("GET", "/api/products/", page=2, page_size=100)
    assert cached("GET", f"/api/products/{product.pk}/")
    assert not cached("GET", "/api/products/", ids="1,2")  # a bag's products
    assert not cached("GET", "/api/products/", page="2; DROP")  # only whole numbers
    for private in ("/api/me/", "/api/orders/", "/api/orders/1/"):
        assert not cached("GET", private)
    assert not cached("POST", "/api/products/")
    assert not cached("GET", f"/api/products/{product.pk}/image.svg")


@pytest.mark.usefixtures("cache_on")
def test_an_answer_read_before_a_write_is_stored_where_nobody_looks_after_it(product: Product) -> None:
    path = f"/api/products/{product.pk}/"
    slow = lookup(path)  # its key is built: the read begins
    assert not slow.hit
    products_changed(product.pk)  # a write lands while that read is on its way
    slow.keep({"price": "the old one"})  # the read ends with what it saw before the write
    assert not lookup(path).hit


@pytest.mark.usefixtures("cache_on")
def test_what_another_connection_read_before_a_write_committed_is_left_behind(
    product: Product, django_capture_on_commit_callbacks
) -> None:
    path = f"/api/products/{product.pk}/"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        product.price = Decimal("9.99")
        product.save()
        assert not lookup(path).hit  # this transaction misses
        # Another connection, which still sees the old row until the commit, reads and keeps it meanwhile.
        lookup(path).keep({"price": "the old one"})
    assert not lookup(path).hit  # the commit left it behind


def test_a_lost_version_never_brings_back_an_old_answer(cache_on: None, product: Product) -> None:
    path = f"/api/products/{product.pk}/"
    cache.clear()  # no version yet: the read below gives its tags their first ones
    read(path)
    products_changed(product.pk)  # the answer kept is an old one now
    cache.delete_many(["api-cache:tag:catalog", f"api-cache:tag:product:{product.pk}"])  # evicted, say
    assert not lookup(path).hit  # a version starts afresh as a new token, never as the first one again


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("cache_on")
def test_readers_in_threads_see_a_price_from_the_moment_its_write_returns(calls: list) -> None:
    catalog_seed(count=24)
    product = Product.objects.order_by("pk").first()
    path, new_price = f"/api/products/{product.pk}/", "42.42"
    written = threading.Event()
    roles = iter(range(6))
    lock = threading.Lock()

    def work() -> list[tuple[bool, str]]:
        with lock:
            role = next(roles)
        if role == 0:  # the writer, while five others read
            time.sleep(0.05)
            product.price = Decimal(new_price)
            try:
                product.save()
            finally:
                written.set()  # a failed save still ends the readers' loops: the test fails, it does not hang
            return []
        seen: list[tuple[bool, str]] = []
        after = 0
        while after < 20:
            was_written = written.is_set()  # before the read begins
            seen.append((was_written, read(path)["price"]))
            after += was_written
        return seen

    results = run_concurrently(6, work)
    assert not [result for result in results if isinstance(result, BaseException)], results
    reads = [pair for result in results if isinstance(result, list) for pair in result]
    assert {price for was_written, price in reads if was_written} == {new_price}
    assert ("cached", f"GET {path}") in calls  # the readers did use the cache
