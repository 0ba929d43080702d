"""Page latency and queries per page, composed (the federated shop, mounted in-process) vs the monolith."""

import statistics
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial

from shop import first_product_ids, timed

HTMX = {"HX-Request": "true"}


@dataclass(frozen=True)
class Pair:
    """One page of the shop, as the federated shop and the monolith serve it."""

    name: str
    composed: str
    monolith: str


@dataclass(frozen=True)
class Latency:
    name: str
    composed_median: float
    composed_p95: float
    monolith_median: float
    monolith_p95: float
    composed_bytes: int = 0
    """The size of the page's HTML: the same page in both shops, the composed one with the split's own markup."""
    monolith_bytes: int = 0

    @property
    def ratio(self) -> float:
        return self.composed_median / self.monolith_median

    @property
    def p95_ratio(self) -> float:
        return self.composed_p95 / self.monolith_p95


def pairs() -> list[Pair]:
    composed_id, monolith_id = first_product_ids()
    return [
        Pair("product list", "/", "/monolith/"),
        Pair("product detail", f"/product/{composed_id}/", f"/monolith/product/{monolith_id}/"),
        Pair("bag", "/bag/", "/monolith/bag/"),
    ]


class Visitors:
    """One visitor of each shop, each with the same lines in their bag."""

    def __init__(self) -> None:
        from django.test import Client

        self.composed, self.monolith = Client(), Client()

    def fill_bags(self, lines: int) -> None:
        """Put the first `lines` products of the catalog (one of each) in both bags."""
        from api.models import Product
        from monolith.models import Product as MonolithProduct

        for product in Product.objects.order_by("name", "pk")[:lines]:
            response = self.composed.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers=HTMX)
            assert response.status_code == 200, response.content
            twin = MonolithProduct.objects.get(slug=product.slug)
            response = self.monolith.post(f"/monolith/product/{twin.pk}/add/", {"quantity": 1})
            assert response.status_code == 302, response.status_code

    def get(self, shop: str, path: str) -> int:
        """GET `path` from `shop`; the size of its HTML."""
        response = getattr(self, shop).get(path)
        assert response.status_code == 200, (path, response.status_code)
        return len(response.content)


def latency(visitors: Visitors, *, rounds: int, warmup: int, pages: Collection[str] | None = None) -> list[Latency]:
    """Median and p95 of each page (or of those named), composed and monolith measured in alternation in this
    process."""
    results = []
    for pair in pairs():
        if pages is not None and pair.name not in pages:
            continue
        times: dict[str, list[float]] = {"composed": [], "monolith": []}
        for round_ in range(warmup + rounds):
            # Alternate which goes first, so neither always runs on a warmer cache.
            order = ("composed", "monolith") if round_ % 2 else ("monolith", "composed")
            for shop in order:
                path = pair.composed if shop == "composed" else pair.monolith
                elapsed = timed(partial(visitors.get, shop, path))
                if round_ >= warmup:
                    times[shop].append(elapsed * 1000)
        results.append(
            Latency(
                pair.name,
                statistics.median(times["composed"]),
                p95(times["composed"]),
                statistics.median(times["monolith"]),
                p95(times["monolith"]),
                visitors.get("composed", pair.composed),
                visitors.get("monolith", pair.monolith),
            )
        )
    return results


# The pages both shops can serve from a cache of the catalog's reads: a page of the catalog, one product.
CACHED_PAGES = ("product list", "product detail")


def cached_latency(visitors: Visitors, *, rounds: int, warmup: int) -> list[Latency]:
    """As `latency`, for CACHED_PAGES, with the catalog's reads cached in both shops: the API client's cache
    (API_CACHE) and the monolith's (MONOLITH["CACHE"]), the same reads with the same invalidation."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(API_CACHE={"ENABLED": True}, MONOLITH={**settings.MONOLITH, "CACHE": True}):
        return latency(visitors, rounds=rounds, warmup=warmup, pages=CACHED_PAGES)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def queries(visitors: Visitors) -> dict[str, tuple[int, int]]:
    """Database queries of each page, the worst case (nothing cached): (composed, monolith)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for pair in pairs():
        measured = []
        for shop, path in (("composed", pair.composed), ("monolith", pair.monolith)):
            cache.clear()  # the catalog's total is cached (api/pagination.py): count the visit that counts it
            with CaptureQueriesContext(connection) as captured:
                visitors.get(shop, path)
            measured.append(len(captured))
        counts[pair.name] = (measured[0], measured[1])
    return counts


def list_latency(visitors: Visitors, *, rounds: int, warmup: int) -> float:
    """Median milliseconds of the composed product list."""
    for _ in range(warmup):
        visitors.get("composed", "/")
    return statistics.median(timed(lambda: visitors.get("composed", "/")) * 1000 for _ in range(rounds))
