"""Throughput under gunicorn, composed vs monolith and one remote over HTTP vs in-process; the suite's servers.

The servers run the production settings (host.production: DEBUG off, whitenoise, persistent connections) on
plain HTTP on loopback, on the suite's database: shop.setup put its URL and the secret key in this process's
environment, and every server inherits them. requests_per_action.py uses the same servers (`servers()`).
"""

import html
import json
import os
import re
import signal
import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from servers import Gunicorn, manage

# Its targets, judged here (report.py only writes the verdicts down): composed / monolith on the product page,
# and the bag with the cart on its own server / in process.
THROUGHPUT_TARGET = 0.9
OVER_HTTP_TARGET = 0.7
CLIENTS = 4  # closed-loop clients: two per worker keep both busy without a long queue in front of them
# Each page's load is cut in slices of about this many seconds (at least MIN_SLICES), alternating with the
# page it is compared with: a burst of other work on the machine then lands on both pages of a pair alike.
SLICE_SECONDS = 1.0
MIN_SLICES = 4
LINES = 3  # in each visitor's bags, as section 1
REMOTE_TIMEOUT = 10  # seconds the host waits for the cart's server
# Only the shop's own static files: compressing the admin's and the API docs' takes about a minute on a small
# machine, and no page measured here links them.
UNUSED_STATIC = ("admin", "drf_spectacular_sidecar", "rest_framework")
HX_HEADERS = re.compile(r"<body[^>]*hx-headers='([^']+)'")


def server_environment(static_root: Path, **extra: str) -> dict[str, str]:
    """The environment of a server of the shop with the production settings, on the suite's database."""
    env = {key: value for key, value in os.environ.items() if not (key.startswith("REMOTE_") and key.endswith("_URL"))}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "host.production",
        "HTTPS": "false",  # plain HTTP on loopback: no redirect to https, no Secure cookies
        "STATIC_ROOT": str(static_root),
        "MONOLITH_ENABLED": "true",
        "INSPECTOR_ENABLED": "false",
        **extra,
    }


def collect_static(static_root: Path) -> None:
    """`collectstatic` with the production settings (hashed names, compressed copies) into `static_root`."""
    ignored = [f"--ignore={pattern}" for pattern in UNUSED_STATIC]
    manage(server_environment(static_root), "collectstatic", "--noinput", *ignored)


@dataclass(frozen=True)
class Servers:
    host: str
    """The shop, every remote in-process (and the monolith at /monolith/)."""
    remote_host: str
    """The same host code with the cart mounted by URL, from `cart`."""
    cart: str
    """The cart served alone (federation/served_settings.py)."""


@contextmanager
def servers(static_root: Path, *, workdir: Path) -> Iterator[Servers]:
    """The three servers of sections 3 and 5, booted side by side (a booting worker mostly waits on imports)."""
    env = server_environment(static_root)
    cart_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "federation.served_settings",
        "REMOTE_APP": "apps.cart",
        "DEBUG": "false",
        "CONN_MAX_AGE": "60",
    }
    del cart_env["STATIC_ROOT"]  # a remote serves its own static files, found in the app
    started: list[Gunicorn] = []
    try:
        started.append(host := Gunicorn(env, log=workdir / "gunicorn-host.log"))
        started.append(
            cart := Gunicorn(
                cart_env, log=workdir / "gunicorn-cart.log", ready="/_federation/manifest.json", keep_alive=True
            )
        )
        # A longer timeout than the default 2 s: on a small, busy machine a slow answer is what is measured,
        # not the fallback the host shows instead of a late one.
        # Its server keeps connections alive: the host reuses them (REMOTE_KEEP_ALIVE).
        remote_env = {
            **env,
            "REMOTE_CART_URL": cart.url,
            "REMOTE_TIMEOUT": str(REMOTE_TIMEOUT),
            "REMOTE_KEEP_ALIVE": "1",
        }
        started.append(remote_host := Gunicorn(remote_env, log=workdir / "gunicorn-host-remote-cart.log"))
        for server in started:  # the cart before the host that mounts it
            server.wait()
        yield Servers(host.url, remote_host.url, cart.url)
    finally:
        for server in started:
            server.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown: nothing is in flight any more
        for server in started:
            server.stopped()


@dataclass
class Page:
    """One page under load: where it is, and what its HTML must hold (a fallback or an error is not a page)."""

    name: str
    url: str
    expect: str
    latencies: list[float] = field(default_factory=list)  # milliseconds
    seconds: float = 0.0
    failures: int = 0
    slices: list[float] = field(default_factory=list)  # requests/s of each slice

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def p99(self) -> float:
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[-1]


def visitor(base_url: str, composed: list[int], monolith: list[int]) -> httpx.Client:
    """A visitor with its own session, with the same LINES products in the composed bag and the monolith's.

    Cookies are kept per host name, not per port: the visitor's session (in the shared database) is sent to
    every server of the run, so the bag over HTTP is the same bag as in-process.
    """
    client = httpx.Client(base_url=base_url, timeout=30)
    for pk in composed:
        page = client.get(f"/product/{pk}/")
        found = HX_HEADERS.search(page.text)
        assert found, (page.status_code, page.text[:500])
        token = json.loads(found.group(1))  # {"X-CSRFToken": ...}, as htmx sends it
        added = client.post(
            f"/remotes/products/{pk}/add-to-cart/", data={"quantity": "1"}, headers={**token, "HX-Request": "true"}
        )
        assert added.status_code == 200, (added.status_code, added.text[:500])
    for pk in monolith:
        client.get(f"/monolith/product/{pk}/")
        added = client.post(
            f"/monolith/product/{pk}/add/", data={"quantity": "1", "csrfmiddlewaretoken": client.cookies["csrftoken"]}
        )
        assert added.status_code == 302, (added.status_code, added.text[:500])
    return client


def hammer(clients: list[httpx.Client], page: Page, seconds: float, *, record: bool = True) -> None:
    """Every client GETs the page in a loop on its own thread for `seconds` (closed loop: no think time)."""
    deadline = time.monotonic() + seconds

    def loop(client: httpx.Client) -> tuple[list[float], int]:
        times, failures = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            response = client.get(page.url)
            times.append((time.perf_counter() - started) * 1000)
            failures += response.status_code != 200 or page.expect not in response.text
        return times, failures

    started = time.monotonic()
    with ThreadPoolExecutor(len(clients)) as pool:
        done = list(pool.map(loop, clients))
    if record:
        elapsed = time.monotonic() - started  # until the last request answered, past the deadline
        page.seconds += elapsed
        page.slices.append(sum(len(times) for times, _ in done) / elapsed)
        for times, failures in done:
            page.latencies += times
            page.failures += failures


def slices(seconds: float) -> int:
    return max(MIN_SLICES, round(seconds / SLICE_SECONDS))


def compare(clients: list[httpx.Client], a: Page, b: Page, seconds: float) -> tuple[float, float, float]:
    """`seconds` of load on each page in alternating slices, after one unrecorded slice each.

    Returns a's throughput relative to b's: the median, first and third quartile of the ratios of slices run
    side by side, which a burst of other work on the machine moves less than the ratio of the totals.
    """
    count = slices(seconds)
    for page in (a, b):
        hammer(clients, page, seconds / count, record=False)
    for slice_ in range(count):
        for page in (a, b) if slice_ % 2 == 0 else (b, a):
            hammer(clients, page, seconds / count)
    ratios = [x / y for x, y in zip(a.slices, b.slices, strict=True)]
    q1, median, q3 = statistics.quantiles(ratios, n=4, method="inclusive")
    return median, q1, q3


def first_products() -> tuple[list[int], list[int], str]:
    """The first LINES products of the catalog's first page, their monolith twins, and the first one's name."""
    from api.models import Product
    from monolith.models import Product as MonolithProduct

    products = list(Product.objects.order_by("name", "pk")[:LINES])
    twins = {p.slug: p.pk for p in MonolithProduct.objects.filter(slug__in=[p.slug for p in products])}
    return [p.pk for p in products], [twins[p.slug] for p in products], products[0].name


def throughput(running: Servers, *, seconds: float) -> list[dict]:
    """Rows for the report: composed vs monolith product page, and the bag with the cart over HTTP vs in-process."""
    composed, monolith, name = first_products()
    clients = [visitor(running.host, composed, monolith) for _ in range(CLIENTS)]
    try:
        heading = html.escape(name)
        product = Page("Product page, composed", f"{running.host}/product/{composed[0]}/", heading)
        product_monolith = Page("Product page, monolith", f"{running.host}/monolith/product/{monolith[0]}/", heading)
        product_ratio = compare(clients, product, product_monolith, seconds)
        full_bag = '<td class="bag-total"'  # the bag's table, not the "cart unavailable" fallback
        bag = Page("Bag, cart in-process", f"{running.host}/bag/", full_bag)
        bag_http = Page("Bag, cart over HTTP", f"{running.remote_host}/bag/", full_bag)
        bag_ratio = compare(clients, bag_http, bag, seconds)
    finally:
        for client in clients:
            client.close()

    return [
        {
            "name": "Product page, composed",
            "rps": product.rps,
            "p99": product.p99,
            "baseline": f"monolith's product page: {product_monolith.rps:.0f} req/s, p99 {product_monolith.p99:.1f} ms",
            "ratio": product_ratio[0],
            "spread": product_ratio[1:],
            "target": f"≥ {THROUGHPUT_TARGET}×",
            "met": product_ratio[0] >= THROUGHPUT_TARGET,
            "failures": product.failures + product_monolith.failures,
        },
        {
            "name": "Bag, cart served over HTTP by its own gunicorn",
            "rps": bag_http.rps,
            "p99": bag_http.p99,
            "baseline": f"bag with the cart in-process: {bag.rps:.0f} req/s, p99 {bag.p99:.1f} ms",
            "ratio": bag_ratio[0],
            "spread": bag_ratio[1:],
            "target": f"≥ {OVER_HTTP_TARGET}×",
            "met": bag_ratio[0] >= OVER_HTTP_TARGET,
            "failures": bag_http.failures + bag.failures,
        },
    ]
