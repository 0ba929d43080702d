"""Fixtures shared by the whole suite."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from api.services import catalog_seed, demo_user_ensure
from api.signals import api_called
from tests.servers import collect_static

# pytest-playwright runs an event loop in the test thread; Django's ORM refuses to run under one unless told
# it is safe, which it is here: the loop only drives the browser, and the ORM runs synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root in a container, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",  # no calls home: the machine has no network but loopback
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive the system Chromium (CHROMIUM_PATH, else `chromium` on PATH), else Playwright's own build."""
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Throttle counters live in the cache: every test starts with none."""
    cache.clear()


@pytest.fixture(autouse=True)
def _inspector_off(settings: Any) -> None:
    """The demo shows the pattern inspector (DEBUG); tests see the shop as production does unless they ask."""
    settings.INSPECTOR = {"ENABLED": False}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """A deliberately slow password hash is right for users and wasted time in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static files as production serves them, collected once per run (compressing them takes a while)."""
    root = tmp_path_factory.mktemp("static")
    collect_static(root)
    return root


@pytest.fixture
def demo_user(db: None) -> Any:
    """The demo account (username "demo", password "mfe-demo-pass")."""
    return demo_user_ensure()


@pytest.fixture
def api_calls() -> Iterator[list[str]]:
    """The kind of every exchange the shared API client makes from now on: "call", "refresh" or "retry"."""
    seen: list[str] = []

    def record(*, kind: str, **kwargs: object) -> None:
        seen.append(kind)

    api_called.connect(record)
    yield seen
    api_called.disconnect(record)


@pytest.fixture
def catalog(db: None) -> int:
    """The 24-product demo catalog."""
    return catalog_seed(count=24)
