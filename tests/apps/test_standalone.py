"""Each remote runs alone on its own port with only its own dependencies, like a remote's dev server."""

import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.conf import settings

from tests.servers import free_port

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    # remote: (a page it serves alone, text on that page)
    "products": ("/", "Products"),
    "cart": ("/bag/", "Your bag is empty"),
    "payment": ("/login/?next=/orders/", "Log in"),  # its pages need a login (tests/apps/payment)
}
# Any other remote (one made by `manage.py startremote`) shows its component at / in the standalone shell.
DEFAULT_PAGE = ("/", "running standalone")
# Every mounted remote but analytics, which shows no page alone: its one endpoint takes event reports (POST).
REMOTES = [name for name in settings.FEDERATION["REMOTES"] if name != "analytics"]
ISOLATION_PROBE = """
import sys, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
assert Client().get(sys.argv[1]).status_code == 200
print(" ".join(sorted(m for m in sys.modules if m == "host" or m.startswith(("host.", "apps.")))))
"""


def _env(remote: str, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": f"apps.{remote}.standalone.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'standalone.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _page(remote: str) -> tuple[str, str]:
    return PAGES.get(remote, DEFAULT_PAGE)


@pytest.fixture(scope="module", params=REMOTES)
def standalone(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """A remote's standalone settings, checked, on a database of its own, migrated and seeded once for both tests
    (each reads it only)."""
    remote = request.param
    env = _env(remote, tmp_path_factory.mktemp(remote))
    standalone_apps = importlib.import_module(f"apps.{remote}.standalone.settings").INSTALLED_APPS
    seed = [["seed_catalog"]] if "api" in standalone_apps else []  # the catalog is the API's
    for command in (["check"], ["migrate", "-v0"], *seed):
        result = _manage(env, *command)
        assert result.returncode == 0, result.stderr
    return remote, env


def test_remote_loads_no_other_remote_and_no_host(standalone: tuple[str, dict[str, str]]) -> None:
    remote, env = standalone
    result = subprocess.run(
        [sys.executable, "-c", ISOLATION_PROBE, _page(remote)[0]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    assert loaded, "the probe should have loaded the remote itself"
    assert all(module == f"apps.{remote}" or module.startswith(f"apps.{remote}.") for module in loaded), loaded


def test_remote_serves_its_pages_on_its_own_port(standalone: tuple[str, dict[str, str]]) -> None:
    remote, env = standalone
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page, text = _page(remote)
        response = _get_when_up(f"http://127.0.0.1:{port}{page}", server)
        assert response.status_code == 200
        assert text in response.text
        assert f"Remote <strong>{remote}</strong> running standalone" in response.text
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get_when_up(url: str, server: subprocess.Popen[str]) -> httpx.Response:
    deadline = time.monotonic() + 30
    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            if server.poll() is not None:
                pytest.fail(f"the standalone server exited: {server.stderr.read() if server.stderr else ''}")
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
