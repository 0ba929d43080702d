"""Every HTML and API endpoint of the shop, fed the families of bad input that once made server errors.

The families: JSON nested thousands deep (RecursionError), digits Python's int() refuses ("²", which
str.isdigit() accepts), numbers thousands of digits long (int() refuses more than 4,300), and fragments asked
for without the props their page gives. Each endpoint is found by walking the URLconf, so a new one is covered
from its first line. The answer may be any 2xx, 3xx or 4xx, never a 5xx. (The API's schema is fuzzed by
schemathesis too: tests/api/test_schema_fuzz.py.)
"""

import re
from collections.abc import Iterator
from functools import cache

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from host.registry import remotes
from host.views import unknown_path

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

NESTED = "[" * 50_000 + "]" * 50_000
SUPERSCRIPT = "²"
LONG = "9" * 5_000
BAD_VALUES = [SUPERSCRIPT, LONG, ""]
# Every name a form or a query of the shop reads.
FIELDS = [
    "page",
    "page_size",
    "ids",
    "quantity",
    "selected",
    "key",
    "next",
    "name",
    "number",
    "expiry",
    "cvc",
    "username",
    "password",
    "refresh",
    "with_quantity",
    "selection",
]
SKIPPED = re.compile(r"^(admin/|static/|media/|api/docs/|api/schema/)")  # Django's own, or generated documents


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        else:
            yield route, entry


def _paths(route: str, value: str) -> str:
    """A concrete path for a route, every parameter given `value` (a regex route's groups too; a format suffix is
    "json")."""
    path = re.sub(r"\(\?P<format>[^)]*\)", "json", route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", value, path)
    path = re.sub(r"<(?:\w+:)?\w+>", value, path)
    path = path.replace("/?", "/").replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path


@cache
def endpoints() -> list[str]:
    """Each route of the site, with its parameters a small id and, separately, a number thousands of digits long."""
    found: list[str] = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if SKIPPED.match(route.lstrip("^")) or pattern.callback is unknown_path:
            continue
        for value in ("1", LONG):
            path = _paths(route, value)
            if path not in found:
                found.append(path)
    return found


def assert_no_server_error(client: Client, method: str, path: str, **kwargs: object) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code < 500, f"{method.upper()} {path[:80]} → {response.status_code}"


@pytest.fixture
def visitors(catalog: int, demo_user) -> list[Client]:
    anonymous = Client(raise_request_exception=False)
    logged_in = Client(raise_request_exception=False)
    logged_in.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    for client in (anonymous, logged_in):
        client.post("/remotes/products/1/add-to-cart/", {"quantity": 1})
    return [anonymous, logged_in]


def test_the_walk_finds_the_endpoints_of_every_part_of_the_shop() -> None:
    found = endpoints()
    for expected in ("/", "/api/token/", "/remotes/cart/selection/", "/fragments/1/1/", "/monolith/bag/"):
        assert expected in found, expected
    assert len(found) > 40


@pytest.mark.parametrize("path", endpoints())
def test_odd_digits_long_numbers_and_nested_json_are_never_a_server_error(visitors: list[Client], path: str) -> None:
    for client in visitors:
        for value in BAD_VALUES:
            query = {field: value for field in FIELDS}
            assert_no_server_error(client, "get", path, data=query)
            assert_no_server_error(
                client,
                "get",
                path,
                data=query,
                headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver/?page={value}"},
            )
            form = "&".join(f"{field}={value}" for field in FIELDS) + f"&selected={value}"
            assert_no_server_error(client, "post", path, data=form, content_type="application/x-www-form-urlencoded")
        assert_no_server_error(client, "post", path, data=NESTED, content_type="application/json")
        assert_no_server_error(client, "post", path, data='{"lines": ' + NESTED + "}", content_type="application/json")
        assert_no_server_error(
            client, "post", path, data={"refresh": LONG, "username": LONG}, content_type="application/json"
        )


def fragments() -> list[str]:
    """Every component the host mounts, as the fallback's "Try again" asks for it alone."""
    names = ["host/CheckoutSummary", "host/UserMenu"]
    for name, remote in remotes().items():
        names += [f"{name}/{component}" for component in (remote.config.exposes if remote.config else {})]
    return names


@pytest.mark.parametrize("name", fragments())
def test_every_fragment_asked_for_without_its_page_is_a_clear_answer(visitors: list[Client], name: str) -> None:
    for client in visitors:
        for headers in ({}, {"HX-Request": "true"}, {"HX-Request": "true", "HX-Current-URL": "http://testserver/x"}):
            response = client.get(f"/fragments/{name}/", headers=headers)
            assert response.status_code < 500, f"{name} → {response.status_code}"


def test_a_fragment_that_needs_its_pages_props_says_so(visitors: list[Client]) -> None:
    anonymous, logged_in = visitors
    for client, name in ((anonymous, "products/ProductDetail"), (logged_in, "payment/Thanks")):
        response = client.get(f"/fragments/{name}/", headers={"HX-Request": "true"})
        assert response.status_code == 400
        assert "can only be shown on its page" in response.content.decode()
