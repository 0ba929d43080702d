"""The programs some tests need from the machine: Chromium (tests marked `browser`), redis-server (`redis`) and
nginx (`nginx`).

Without one, the tests that need it are skipped, with one line in the summary saying how to install it; under CI
(the environment variable CI set, e.g. CI=true) they fail instead, so CI never passes without running them
(.ci/run installs both). tests/conftest.py takes the two hooks at the end; the `redis_url` fixture calls
redis_server_path() too, for a test that asks for it while it runs.
"""

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn

import pytest

from config.env import env_bool

Which = Callable[[str], str | None]

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root in a container, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",  # no calls home: the machine has no network but loopback
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GET_CHROMIUM = "Debian: `apt install chromium`; anywhere else: `uv run playwright install chromium`"
GET_REDIS = "Debian: `apt install redis-server`"
GET_NGINX = "Debian: `apt install nginx`"

missing_key = pytest.StashKey[dict[str, str | None]]()


def under_ci(environ: Mapping[str, str]) -> bool:
    """Whether this run is CI's (CI set to a yes, e.g. CI=true, as CI services set it): there a missing program
    fails."""
    return env_bool("CI", False, environ)


def system_chromium(environ: Mapping[str, str], which: Which = shutil.which) -> str | None:
    """The system Chromium the browser tests drive: CHROMIUM_PATH if set, else `chromium` on PATH, else None."""
    return environ.get("CHROMIUM_PATH") or which("chromium")


def playwright_chromium_starts() -> bool:
    """Whether Playwright's own Chromium (`uv run playwright install chromium`) is installed and starts."""
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as playwright:
            playwright.chromium.launch(args=CHROMIUM_FLAGS).close()
    except Error:
        return False
    return True


def chromium_missing(
    environ: Mapping[str, str],
    which: Which = shutil.which,
    playwright_starts: Callable[[], bool] = playwright_chromium_starts,
) -> str | None:
    """Why the browser tests cannot run here, and how to get a Chromium; None when they can."""
    configured = environ.get("CHROMIUM_PATH")
    if configured:  # the one asked for, or none: never another browser than the one named
        if which(configured):
            return None
        return f"CHROMIUM_PATH={configured} is not an executable: set it to a Chromium, or unset it ({GET_CHROMIUM})"
    if which("chromium") or playwright_starts():
        return None
    return f"no Chromium: none on PATH, and Playwright's own is not installed or does not start ({GET_CHROMIUM})"


def redis_server_missing(which: Which = shutil.which) -> str | None:
    """Why the tests that start a redis-server cannot run here, and how to get one; None when they can."""
    return None if which("redis-server") else f"no redis-server on PATH ({GET_REDIS})"


def nginx_missing(which: Which = shutil.which) -> str | None:
    """Why the tests that put nginx in front of the shop cannot run here; None when they can."""
    return None if which("nginx") or Path("/usr/sbin/nginx").exists() else f"no nginx ({GET_NGINX})"


def nginx_path() -> str:
    """nginx's path (Debian's is in /usr/sbin, which a user's PATH may lack)."""
    return shutil.which("nginx") or "/usr/sbin/nginx"


def skip_or_fail(reason: str, environ: Mapping[str, str]) -> NoReturn:
    """Skip the test for `reason`; under CI fail it instead, so CI cannot pass without running it."""
    if under_ci(environ):
        pytest.fail(f"{reason}. CI must run these tests: .ci/run installs it.", pytrace=False)
    pytest.skip(reason)


def redis_server_path() -> str:
    """redis-server's path, for a fixture that starts one; without it, skips the test (fails it under CI)."""
    reason = redis_server_missing()
    if reason is not None:
        skip_or_fail(reason, os.environ)
    return str(shutil.which("redis-server"))


def needs_chromium(item: pytest.Item) -> bool:
    """Whether the test drives Chromium: it is marked `browser`."""
    return item.get_closest_marker("browser") is not None


def needs_redis_server(item: pytest.Item) -> bool:
    """Whether the test starts a redis-server: it is marked `redis`, or uses the `redis_url` fixture."""
    return item.get_closest_marker("redis") is not None or "redis_url" in getattr(item, "fixturenames", ())


def needs_nginx(item: pytest.Item) -> bool:
    return item.get_closest_marker("nginx") is not None


def pytest_collection_finish(session: pytest.Session) -> None:
    """Look for each program once, before any test runs, and only if a test that needs it is to run."""
    if session.config.option.collectonly:
        return
    missing = {}
    if any(needs_chromium(item) for item in session.items):
        missing["chromium"] = chromium_missing(os.environ)
    if any(needs_redis_server(item) for item in session.items):
        missing["redis-server"] = redis_server_missing()
    if any(needs_nginx(item) for item in session.items):
        missing["nginx"] = nginx_missing()
    session.config.stash[missing_key] = missing


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a test whose program is missing (fail it under CI), before its fixtures try to start it."""
    missing = item.config.stash.get(missing_key, {})
    for program, needs in (("chromium", needs_chromium), ("redis-server", needs_redis_server), ("nginx", needs_nginx)):
        reason = missing.get(program)
        if reason is not None and needs(item):
            skip_or_fail(reason, os.environ)
