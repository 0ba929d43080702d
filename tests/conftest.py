"""Fixtures shared by the whole suite."""

import hashlib
import importlib
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import clear_url_caches
from filelock import FileLock

import host.urls
from api.client import api_called
from api.services import catalog_seed, demo_user_ensure
from config.base_settings import DEVELOPMENT_SECRET_KEY
from tests.helpers import RecordingMessages
from tests.prerequisites import (  # the hooks skip the browser tests without a Chromium (fail them under CI)
    CHROMIUM_FLAGS,
    pytest_collection_finish,  # noqa: F401
    pytest_runtest_setup,  # noqa: F401
    redis_server_path,
    system_chromium,
)
from tests.servers import (
    ROOT,
    collect_static,
    free_port,
    served_remote_command,
    served_remote_environment,
    stop,
    wait_until_redis_answers,
    wait_until_serving,
)

# The suite starts many Python processes (its xdist workers, servers, manage.py commands, the tutorial's): let
# them keep the bytecode they compile (in .venv and __pycache__ folders, which git ignores). Some machines set
# PYTHONDONTWRITEBYTECODE, and then every one of them would compile Django and its libraries again.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# pytest-playwright runs an event loop in the test thread; Django's ORM refuses to run under one unless told
# it is safe, which it is here: the loop only drives the browser, and the ORM runs synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Workers beyond this share too much (one Chromium and one server of each kind per worker) for what they gain.
MAX_WORKERS = 8


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--complete",
        action="store_true",
        help="Run every tier, the tests marked `slow` included (as CI does); without it they are deselected.",
    )


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """How many workers `-n auto` (in pyproject's addopts) starts: one per CPU for the whole suite; none (one
    process) for a run that names files, folders or tests, such as the tutorial's. `-n 4` always starts four,
    and PYTEST_XDIST_AUTO_NUM_WORKERS, pytest-xdist's own setting, decides when set."""
    if setting := os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return int(setting)
    if config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        return 0
    return min(len(os.sched_getaffinity(0)), MAX_WORKERS)


# A test using one of these starts a server process: it is in the `server` tier without saying so itself.
SERVER_FIXTURES = {"served_cart", "cart_over_http", "collected_static"}


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests whose fixtures start servers `server`; without --complete, leave out the tests marked
    `slow` (the summary counts them as deselected)."""
    twins = [nodeid for nodeid, count in Counter(item.nodeid for item in items).items() if count > 1]
    if twins:  # pytest-xdist runs one test of an id and silently drops the others
        raise pytest.UsageError(f"Several tests share these ids; give each its own: {twins}")
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.server)
    if config.getoption("complete"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive the system Chromium (CHROMIUM_PATH, else `chromium` on PATH), else Playwright's own build."""
    executable = system_chromium(os.environ)
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
def collected_static() -> Path:
    """The static files as production serves them. Compressing them takes half a minute, so they are kept in
    .test-static/ and collected again only when a static file or a dependency changed. Parallel workers (and
    parallel runs) take a file lock: the first collects, into a folder of its own renamed into place when
    complete, and the others wait for it and use the same files."""
    sources = sorted(
        path for pattern in ("*/static/**/*", "apps/*/static/**/*") for path in ROOT.glob(pattern) if path.is_file()
    )
    fingerprint = hashlib.sha256((ROOT / "uv.lock").read_bytes())
    for path in sources:
        fingerprint.update(f"{path.relative_to(ROOT)}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
    kept = ROOT / ".test-static"
    root = kept / fingerprint.hexdigest()[:16]
    kept.mkdir(exist_ok=True)
    with FileLock(kept / "collecting.lock"):
        if not root.exists():
            for stale in kept.iterdir():  # older collections, and one a killed run left half done
                if stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
            collecting = kept / f"{root.name}.collecting"
            collect_static(collecting)
            collecting.rename(root)
    return root


class ServedRemote:
    """A remote running as its own server process on loopback (runserver), mounted in the host by URL.

    It runs as in production (DEBUG off, and a real key of its own, which the host shares while mounting it), or in
    `development` as the README's commands start it.
    """

    def __init__(self, app: str, *, development: bool = False, secret_key: str | None = None) -> None:
        self.app, self.port = app, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        if development:  # as the README's development setup runs it: DEBUG=1 and the public development key
            self.secret_key = DEVELOPMENT_SECRET_KEY
            self.env = {**served_remote_environment(app, self.secret_key), "DEBUG": "1"}
        else:  # the shop's own key, shared by all its servers
            self.secret_key = secret_key or secrets.token_urlsafe(64)
            self.env = served_remote_environment(app, self.secret_key)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.launch()
        self.wait_until_serving()

    def launch(self) -> None:
        """Start the process; it serves a moment later (wait_until_serving). Its log goes to a file, which nothing
        has to keep reading: a pipe left unread would stop a busy server once its buffer is full."""
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed when it stops)
        self.process = subprocess.Popen(
            served_remote_command(self.port), cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait_until_serving(self) -> None:
        assert self.process is not None
        try:
            wait_until_serving(self.process, f"{self.url}/_federation/manifest.json")
        except RuntimeError as exc:
            self.log.seek(0)
            raise RuntimeError(f"{exc}\n{self.log.read().decode(errors='replace')}") from exc

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None
            self.log.close()

    def pause(self) -> None:
        """Keep the process but stop it answering: a remote that hangs."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)


@pytest.fixture(scope="session")
def served_cart(django_db_setup: None) -> Iterator[ServedRemote]:
    """The cart as its own server process on the test database, started once (tests may stop and start it)."""
    served = ServedRemote("apps.cart")
    served.start()
    yield served
    if served.process is not None:
        served.resume()
    served.stop()


@pytest.fixture
def cart_over_http(served_cart: ServedRemote, transactional_db: None) -> Iterator[ServedRemote]:
    """The cart served by its own server, and the host's settings pointing at it (the same host code), with the
    key they share."""
    if served_cart.process is None:
        served_cart.start()
    served_cart.resume()
    with mounted_by_url({"cart": served_cart}, timeout=1.0):
        yield served_cart


class Served(Protocol):
    """A remote's server, as the host mounts it: where it answers, and the key it shares with the host."""

    url: str
    secret_key: str


@contextmanager
def mounted_by_url(served: Mapping[str, Served], *, timeout: float = 2.0) -> Iterator[None]:
    """The host's settings mounting each named remote from its server (the same host code), with the key they
    share; the remotes in-process again afterwards."""
    remotes = {**settings.FEDERATION["REMOTES"]}
    for name, server in served.items():
        remotes[name] = {**remotes[name], "URL": server.url, "TIMEOUT": timeout}
    [secret_key] = {server.secret_key for server in served.values()}
    try:
        with override_settings(FEDERATION={**settings.FEDERATION, "REMOTES": remotes}, SECRET_KEY=secret_key):
            reload_urlconf()
            yield
    finally:
        reload_urlconf()  # with the settings restored


def reload_urlconf() -> None:
    """The host builds its remotes' routes when host.urls is imported: build them again from settings."""
    clear_url_caches()
    importlib.reload(host.urls)


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A throwaway redis-server on loopback, keeping nothing on disk; its URL while the test runs."""
    port = free_port()
    command = [redis_server_path(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_until_redis_answers(process, redis.Redis.from_url(url))
        yield url
    finally:
        stop(process)


@pytest.fixture
def toasts(settings: Any) -> list[tuple[str, str]]:
    """Every toast queued from now on (through `on_show_toast`, or Django's messages), as (message, level):
    Django's own message storage, chosen by its setting, records what it is given."""
    settings.MESSAGE_STORAGE = "tests.helpers.RecordingMessages"
    RecordingMessages.queued = []
    return RecordingMessages.queued


@pytest.fixture
def demo_user(db: None) -> Any:
    """The demo account (username "demo", password "mfe-demo-pass")."""
    return demo_user_ensure()


@pytest.fixture
def api_calls() -> Iterator[list[str]]:
    """The kind of every answer of the shared API client from now on: "call", "refresh", "retry" or "cached"."""
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
