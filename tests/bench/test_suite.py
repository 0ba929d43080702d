"""The benchmark suite (bench/suite.py): a quick run works end to end, and what it judges by count holds.

No timing is asserted anywhere: a quick run's numbers are too small to mean anything, and CI's machine is not
the one docs/performance.md was measured on. Counts are exact, so they are asserted: queries per page (here
too, with the test client on the test database) and requests per user action.
"""

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from api.models import Product
from api.services import catalog_seed
from tests.servers import ROOT

MAX_QUERIES = 4
ACTIONS = ["Add to cart", "Open the bag", "Change a quantity", "Remove a line", "Go to payment"]


def suite_environment() -> dict[str, str]:
    """This environment without pytest's and Django's variables, nor DATABASE_URL: the suite makes its own."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_")) and key != "DATABASE_URL"
    }


def section(report: str, number: int) -> str:
    """The text of section `number`, up to the next section."""
    found = re.search(rf"^## {number}\. .*?(?=^## |\Z)", report, re.MULTILINE | re.DOTALL)
    assert found, f"no section {number}:\n{report}"
    return found.group(0)


def table_rows(text: str) -> list[list[str]]:
    """The cells of a Markdown table's body rows."""
    rows = [line.strip("|").split("|") for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row] for row in rows[2:]]


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_a_quick_run_writes_every_section_and_the_counts_hold(collected_static: Path, tmp_path: Path) -> None:
    output = tmp_path / "performance.md"
    command = [
        sys.executable,
        "bench/suite.py",
        "--quick",
        "--output",
        str(output),
        "--static-root",
        str(collected_static),
    ]
    result = subprocess.run(command, cwd=ROOT, env=suite_environment(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    report = output.read_text()
    assert report == result.stdout.removesuffix("\n")  # printed as well as written

    headings = re.findall(r"^## (\d)\. ", report, re.MULTILINE)
    assert sorted(headings) == ["1", "2", "3", "4", "5", "6", "7", "8"]

    # Latency: every page with nothing cached, then the list and the product with the catalog cached in both shops.
    uncached, cached = section(report, 1).split("**With the catalog cached in both shops.**")
    assert [row[0] for row in table_rows(uncached)] == ["product list", "product detail", "bag"]
    assert [row[0] for row in table_rows(cached)] == ["product list", "product detail"]

    # Queries: "composed / monolith" for each page, by catalog size and bag.
    rows = table_rows(section(report, 2))
    assert len(rows) == 4  # two catalog sizes, two bags
    composed = {(row[0], row[1]): [int(cell.split("/")[0]) for cell in row[2:]] for row in rows}
    assert all(len(pages) == 3 for pages in composed.values())
    assert max(max(pages) for pages in composed.values()) <= MAX_QUERIES
    sizes = sorted({size for size, _ in composed})
    for lines in {lines for _, lines in composed}:  # the same at every catalog size
        assert len({tuple(composed[size, lines]) for size in sizes}) == 1, composed

    # Requests per action, counted in Chromium: one each for the composed shop.
    requests = {row[0]: row for row in table_rows(section(report, 3).split("The requests, in order")[0])}
    assert list(requests) == ACTIONS
    for action in ACTIONS[:-1]:
        assert requests[action][1] == "1", requests[action]
    # Its own round trip, then the page it sends the browser to, reported beside it.
    assert requests["Go to payment"][1] == "1 + the payment page"
    assert requests["Add to cart"][2] == "1"  # the monolith too: the same htmx on the same form
    assert requests["Go to payment"][2] == "1 + the payment page"  # the monolith's the same way
    assert "→ then the payment page: `GET /checkout/payment/`" in report
    assert "→ then the payment page: `GET /monolith/checkout/payment/`" in report

    # Throughput: both rows, with no failed answer.
    throughput = table_rows(section(report, 5))
    pages = ["Product page, composed", "Bag, cart served over HTTP by its own gunicorn"]
    assert [row[0] for row in throughput] == pages
    assert "were not the page" not in section(report, 5)

    # Where the time goes: a table per page, both shops, the parts scaled to the page's median.
    profile = section(report, 7)
    for page in ("product list", "product detail", "bag"):
        table = profile.split(f"**{page}** (ms per request)")[1].split("\n\n**")[0]
        parts = {row[0] for row in table_rows(table)}
        # A quick run samples ten requests a page, too few to be sure of catching a 0.3 ms query; the API
        # call is the largest part of every composed page, so some part of it is always sampled.
        assert "**the page**" in parts, (page, parts)
        assert any(part.startswith("API in process: ") for part in parts), (page, parts)


@pytest.mark.postgres
@pytest.mark.parametrize("lines", [1, 5])
def test_composed_pages_take_at_most_four_queries_at_any_catalog_size(
    db: None, client: Client, lines: int, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    """As section 2 of the report, on the test database: list, product and bag pages, at two catalog sizes."""
    catalog_seed(count=24)
    for product in Product.objects.order_by("name", "pk")[:lines]:
        added = client.post(
            f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers={"HX-Request": "true"}
        )
        assert added.status_code == 200
    first = Product.objects.order_by("name", "pk").first()
    paths = ["/", f"/product/{first.pk}/", "/bag/"]
    for path in paths:  # a process's first requests fill its caches (content types, templates): not measured
        client.get(path)

    by_size: dict[int, list[int]] = {}
    for size in (24, 1_000):
        catalog_seed(count=size)
        by_size[size] = []
        for path in paths:
            with django_assert_max_num_queries(MAX_QUERIES) as captured:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            by_size[size].append(len(captured))
    assert by_size[24] == by_size[1_000]  # flat: a bigger catalog adds no query
