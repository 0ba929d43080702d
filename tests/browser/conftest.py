"""Fixtures of the browser tests."""

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from django.core.signals import request_finished, request_started
from playwright.sync_api import Browser, Page, Request
from pytest_django.live_server_helper import LiveServer

from api.services import catalog_seed


class Traffic:
    """The live server's requests in flight, counted from Django's request signals (it serves from threads of
    this process), so that a test can wait until the browser has stopped talking to it.

    Requests the tests make themselves with Django's test client run in the tests' own thread and are not
    counted: a streamed answer (a static file) that a test never reads sends no request_finished, and counted,
    it would leave every later test of the worker waiting out the whole timeout.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.last_change = time.monotonic()
        self.tests_thread = threading.get_ident()

    def started(self, **kwargs: object) -> None:
        if threading.get_ident() == self.tests_thread:
            return
        with self.lock:
            self.in_flight += 1
            self.last_change = time.monotonic()

    def finished(self, **kwargs: object) -> None:
        if threading.get_ident() == self.tests_thread:
            return
        with self.lock:
            self.in_flight -= 1
            self.last_change = time.monotonic()

    def wait_until_quiet(self, quiet: float = 0.1, timeout: float = 5) -> None:
        """Until no request is in flight and none started or ended for `quiet` seconds (at most `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.in_flight <= 0 and time.monotonic() - self.last_change >= quiet:
                    return
            time.sleep(quiet / 4)


@pytest.fixture(scope="session")
def traffic() -> Iterator[Traffic]:
    counted = Traffic()
    request_started.connect(counted.started)
    request_finished.connect(counted.finished)
    yield counted
    request_started.disconnect(counted.started)
    request_finished.disconnect(counted.finished)


@pytest.fixture
def shop(
    request: pytest.FixtureRequest, live_server: LiveServer, transactional_db: None, traffic: Traffic
) -> Iterator[str]:
    """The live server's URL, with the 24-product demo catalog.

    Afterwards the test's page leaves the shop and the server is let finish: a page sends its analytics queue
    as it is left (a beacon), and the live server outlives the test, so a beacon landing after the database is
    emptied would be counted by the next test.
    """
    catalog_seed(count=24)
    yield live_server.url
    leave_the_shop(request, traffic)


def leave_the_shop(request: pytest.FixtureRequest, traffic: Traffic) -> None:
    """The test's page leaves the shop, and the live server is let finish what the browser still sent."""
    if "page" in request.fixturenames:
        page: Page = request.getfixturevalue("page")
        if not page.is_closed():
            page.goto("about:blank")
    traffic.wait_until_quiet()


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    """A page in a browser that runs no JavaScript: forms post and redirect, as without htmx."""
    context = browser.new_context(java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def app_requests(page: Page) -> Callable[[], list[str]]:
    """Requests the page makes to the app (documents, htmx), not for static files or images.

    The analytics remote's beacons are left out: they are fire-and-forget telemetry sent after the action's
    one round trip, not part of it (docs/events.md says what they cost).
    """
    seen: list[Request] = []
    page.on("request", lambda request: seen.append(request))

    def made() -> list[str]:
        return [
            f"{r.method} {r.url}"
            for r in seen
            if r.resource_type in {"document", "xhr", "fetch"} and "/remotes/analytics/" not in r.url
        ]

    return made
