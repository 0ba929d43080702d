"""Fixtures of the browser tests."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Request
from pytest_django.live_server_helper import LiveServer

from api.services import catalog_seed


@pytest.fixture
def shop(live_server: LiveServer, transactional_db: None) -> str:
    """The live server's URL, with the 24-product demo catalog."""
    catalog_seed(count=24)
    return live_server.url


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
