"""The shop's visitors for locust: browse → product → add to cart → bag, checking every answer's content."""

import ipaddress
import json
import random
import re
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from locust import FastHttpUser, constant, events, task
from locust.contrib.fasthttp import ResponseContextManager

PRODUCT_LINK = re.compile(r'<a href="(/product/\d+/)" class="product-card-link">')
CSRF_HEADERS = re.compile(r"<body[^>]*hx-headers='([^']+)'")
MOUNT = re.compile(r'data-mount="([^"]+)"')
HEADING = re.compile(r'<h1 id="product-\d+-name">([^<]+)</h1>')
STOCK = re.compile(r'<p class="product-stock[^"]*" id="[^"]+">(?:(\d+) in stock|Only (\d+) left|Out of stock)</p>')
BADGE = re.compile(r'<span class="cart-badge-name">([^<]+)</span>')
BAG_LINE = re.compile(r'data-product-id="(\d+)"[^>]*>.*?name="quantity" value="(\d+)"', re.DOTALL)
# A visitor leaves after this many adds and a new one (no cookies yet) takes its place, so bags stay the size of
# a real visit's and the run keeps creating sessions too.
ADDS_PER_VISIT = 4


def require_loopback(url: str) -> None:
    """Exit unless `url` points at this machine: the load goes nowhere else."""
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"Refusing to load {url!r}: only loopback targets (127.0.0.0/8, [::1], localhost).")


@events.init.add_listener
def _loopback_only(environment: Any, **kwargs: Any) -> None:
    # Also when the file is run by `locust -f bench/locustfile.py --host ...` rather than by bench/load.py.
    require_loopback(environment.host or "")


def badge_count(label: str) -> int:
    """The number of items in a badge label such as "Bag, 2 items" (0 for an empty bag)."""
    found = re.search(r"(\d+) items?", label)
    return int(found.group(1)) if found else 0


class Product(NamedTuple):
    id: int
    path: str
    name: str  # as the HTML shows it (escaped), to compare with the toast's HTML
    stock: int
    headers: dict[str, str]


class ShopVisitor(FastHttpUser):
    """One visitor with its own cookies: a session, a CSRF token and a bag that must hold what it added."""

    # No think time: the run measures what the server sustains, not what a crowd of humans would send.
    wait_time = constant(0)

    def on_start(self) -> None:
        self.bag: dict[int, int] = {}
        self.adds = 0

    @task
    def shop(self) -> None:
        """Browse the catalog, open a product, add one to the bag, then check the bag page."""
        if self.adds >= ADDS_PER_VISIT:
            self.client.cookiejar.clear()
            self.bag, self.adds = {}, 0
        path = self.browse()
        product = self.product(path) if path else None
        if product is None:
            return
        if self.bag.get(product.id, 0) >= product.stock:
            return  # one more would be refused, as it should be: that is not what this run measures
        if self.add_to_cart(product):
            self.view_bag()

    def browse(self) -> str | None:
        """The catalog page; the path of a product picked from it at random."""
        with self.client.get("/", name="/", catch_response=True) as response:
            links = PRODUCT_LINK.findall(response.text or "")
            ok = passed(response, response.status_code == 200 and bool(links), f"{len(links)} product links")
            return random.choice(links) if ok else None

    def product(self, path: str) -> Product | None:
        """A product page: the product, and the headers htmx would send from that page."""
        with self.client.get(path, name="/product/[id]/", catch_response=True) as response:
            html = response.text or ""
            name, stock, token = HEADING.search(html), STOCK.search(html), CSRF_HEADERS.search(html)
            if not passed(
                response,
                response.status_code == 200 and bool(name and stock and token),
                f"name {bool(name)}, stock {bool(stock)}, CSRF token {bool(token)}",
            ):
                return None
            # What passed() was just told, for the type checker.
            assert name is not None
            assert stock is not None
            assert token is not None
            headers = {
                **json.loads(token.group(1)),  # {"X-CSRFToken": "..."}, as htmx sends it from <body hx-headers>
                "HX-Request": "true",
                "HX-Current-URL": f"{self.host}{path}",
                # What host.js sends: the components on the page, so the answer re-renders the badge out of band.
                "X-Mounted-Components": " ".join(dict.fromkeys(MOUNT.findall(html))),
            }
            product_id = int(path.strip("/").rsplit("/", 1)[1])
            return Product(product_id, path, name.group(1), int(stock.group(1) or stock.group(2) or 0), headers)

    def add_to_cart(self, product: Product) -> bool:
        """The htmx post of the product page's form: the form back, a toast and the badge counting the bag."""
        url = f"/remotes/products/{product.id}/add-to-cart/"
        form = {"quantity": "1", "next": product.path, "with_quantity": "1"}
        with self.client.post(
            url, data=form, headers=product.headers, name="/remotes/products/[id]/add-to-cart/", catch_response=True
        ) as response:
            html = response.text or ""
            badge = BADGE.search(html)
            count = badge_count(badge.group(1)) if badge else None
            expected = sum(self.bag.values()) + 1
            ok = passed(
                response,
                response.status_code == 200
                and html.lstrip().startswith('<form class="add-to-cart"')
                and f"Added {product.name} to your bag, now" in html
                and count == expected,
                f"toast {f'Added {product.name}' in html}, badge {count} items, expected {expected}",
            )
            if ok:
                self.bag[product.id] = self.bag.get(product.id, 0) + 1
                self.adds += 1
            return ok

    def view_bag(self) -> None:
        """The bag page must list exactly what this visitor added, and nothing of anyone else's."""
        with self.client.get("/bag/", name="/bag/", catch_response=True) as response:
            lines = {int(pk): int(quantity) for pk, quantity in BAG_LINE.findall(response.text or "")}
            passed(response, response.status_code == 200 and lines == self.bag, f"bag {lines}, expected {self.bag}")


def passed(response: ResponseContextManager, ok: bool, detail: str) -> bool:
    """Mark the request failed unless `ok`; locust groups failures by their message."""
    if not ok:
        response.failure(f"HTTP {response.status_code}: {detail}")
    return ok
