"""A remote redeployed behind a running host (deploy/redeploy, under gunicorn): its new version is used on the
host's next page without restarting the host, no page fails while it happens, and a hard stop shows fallbacks,
never a 500. The cart is served from a copy of the project, which the tests change as a team would."""

import contextlib
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from api.services import catalog_seed
from tests.conftest import mounted_by_url
from tests.docs.walkthrough import project_copy
from tests.servers import free_port, served_remote_environment, stop, wait_until_serving

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

WORKERS = 2


@dataclass
class GunicornRemote:
    """The cart under gunicorn with the shop's config (deploy/gunicorn.conf.py), served from `project`."""

    project: Path
    url: str
    secret_key: str
    pidfile: Path
    ready: Path
    process: subprocess.Popen[bytes]

    def redeploy(self) -> subprocess.CompletedProcess[str]:
        env = {"PATH": "/usr/bin:/bin", "GUNICORN_WORKERS": str(WORKERS)}
        command = ["bash", "deploy/redeploy", str(self.pidfile), str(self.ready), "60"]
        return subprocess.run(command, cwd=self.project, env=env, capture_output=True, text=True, timeout=90)

    def masters(self) -> list[int]:
        """The masters alive now: the one the test started, and any a redeploy started after it."""
        files = (self.pidfile, self.pidfile.with_name(f"{self.pidfile.name}.2"))  # .2: a new master, until promoted
        found = [self.process.pid, *(int(path.read_text()) for path in files if path.exists())]
        return [pid for pid in dict.fromkeys(found) if _alive(pid)]

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> None:
        """Signal every process of the server at once, its masters (a redeploy's new one included) and workers:
        they share the process group the test started it in."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        deadline = time.monotonic() + 15
        while self.masters() and time.monotonic() < deadline:
            time.sleep(0.05)
        stop(self.process)


def _alive(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}").stat()
    except FileNotFoundError:
        return False
    return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


@pytest.fixture
def cart(tmp_path: Path, django_db_setup: None) -> Iterator[GunicornRemote]:
    project = project_copy(tmp_path / "cart")
    port, key = free_port(), secrets.token_urlsafe(64)
    pidfile, ready = tmp_path / "cart.pid", tmp_path / "ready"
    ready.mkdir()
    env = {
        **served_remote_environment("apps.cart", key),
        "DJANGO_SETTINGS_MODULE": "federation.served_settings",
        "GUNICORN_READY_DIR": str(ready),
        "GUNICORN_WORKERS": str(WORKERS),
    }
    # Its script, not `python -m gunicorn`: a redeploy re-executes the command gunicorn was started with, and
    # `__main__.py` run as a script would put gunicorn's own package first on the path (its `http` shadows Python's).
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "host.wsgi", "--config", "deploy/gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--pid", str(pidfile)]
    with (tmp_path / "cart.log").open("wb") as log:
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    served = GunicornRemote(project, f"http://127.0.0.1:{port}", key, pidfile, ready, process)
    try:
        wait_until_serving(process, f"{served.url}/_federation/manifest.json")
        # A generous budget: these tests count failed pages, not slow ones (a busy machine is slow).
        with mounted_by_url({"cart": served}, timeout=10):
            yield served
    finally:
        served.stop()


def new_version(project: Path) -> None:
    """The cart team's change: a new heading, a new stylesheet for the bag, and a new component."""
    template = project / "apps/cart/templates/cart/bag.html"
    template.write_text(template.read_text().replace(">Your bag</h1>", ">Your shopping bag</h1>"))
    (project / "apps/cart/static/cart/bag-v2.css").write_text(".bag-lines { outline: 1px solid #dde1e8; }\n")
    apps = project / "apps/cart/apps.py"
    # Added to the Bag's list as it is (a learner's chapter 11 has added a stylesheet of their own to it).
    text = apps.read_text().replace('"Bag": [', '"Bag": ["cart/bag-v2.css", ', 1)
    text = text.replace(
        '"CartBadge": "apps.cart.components.cart_badge",',
        '"CartBadge": "apps.cart.components.cart_badge",\n        "BagCount": "apps.cart.components.bag_count",',
    )
    apps.write_text(text)
    components = project / "apps/cart/components.py"
    components.write_text(
        components.read_text()
        + '''

@dataclass(frozen=True)
class BagCountProps:
    pass


@subscribe("cart")
def bag_count(request: HttpRequest, props: BagCountProps) -> str:
    """New in this version: the bag's count, as words."""
    return f"<p class=\\"bag-count\\">{select(request, cart.select_count)} in your bag</p>"
'''
    )


def stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_a_new_version_is_used_on_the_hosts_next_page_without_a_restart(client: Client, cart: GunicornRemote) -> None:
    catalog_seed(count=4)
    bag = client.get("/bag/").content.decode()
    assert ">Your bag</h1>" in bag
    assert "/remotes/cart/static/cart/bag-v2.css" not in stylesheets(bag)
    assert client.get("/fragments/cart/BagCount/").status_code == 404

    new_version(cart.project)
    redeployed = cart.redeploy()
    assert redeployed.returncode == 0, redeployed.stderr

    bag = client.get("/bag/").content.decode()
    assert ">Your shopping bag</h1>" in bag  # the template: the remote renders it
    # The manifest: this page's answer named the new version, so it was fetched again before the layout was drawn.
    pages = [bag, client.get("/bag/").content.decode()]
    assert any("/remotes/cart/static/cart/bag-v2.css" in stylesheets(page) for page in pages)
    assert client.get("/remotes/cart/static/cart/bag-v2.css").status_code == 200  # and the file is there
    fragment = client.get("/fragments/cart/BagCount/")
    assert fragment.status_code == 200
    assert "0 in your bag" in fragment.content.decode()  # a component only the new version has


def test_no_page_fails_while_a_remote_is_redeployed_under_load(cart: GunicornRemote) -> None:
    catalog_seed(count=4)
    answers: list[tuple[int, bool]] = []
    done = threading.Event()

    def shop() -> None:
        client = Client()
        while not done.is_set():
            page = client.get("/bag/")
            answers.append((page.status_code, 'data-failed="true"' in page.content.decode()))

    shoppers = [threading.Thread(target=shop) for _ in range(3)]
    for shopper in shoppers:
        shopper.start()
    try:
        time.sleep(0.5)
        new_version(cart.project)
        redeployed = cart.redeploy()
        time.sleep(1)  # pages go on being asked for after the old master has gone
    finally:
        done.set()
        for shopper in shoppers:
            shopper.join()
    assert redeployed.returncode == 0, redeployed.stderr
    assert len(answers) > 20
    assert answers == [(200, False)] * len(answers), [answer for answer in answers if answer != (200, False)][:5]


def test_a_hard_stop_of_a_remote_shows_fallbacks_never_a_500(client: Client, cart: GunicornRemote) -> None:
    catalog_seed(count=4)
    cart.stop(signal.SIGKILL)  # no graceful anything: the machine went away
    home, bag = client.get("/"), client.get("/bag/")
    assert home.status_code == 200  # the catalog is not the cart's: only its badge falls back
    assert 'data-failed="true"' in home.content.decode()
    assert bag.status_code == 503  # the bag page's own content is the cart's
    assert "The cart part of the shop is unavailable right now." in bag.content.decode()
