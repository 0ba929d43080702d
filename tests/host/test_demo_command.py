"""`manage.py demo` prepares both shops before it serves them."""

import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.commands import runserver

from api.models import Product
from host.management.commands.demo import split_servers
from monolith.models import Product as MonolithProduct
from tests.docs.walkthrough import project_copy
from tests.helpers import badge_label
from tests.servers import ROOT, free_port, free_ports, server_environment, stop, wait_until_serving

pytestmark = pytest.mark.server


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where runserver would listen; it is not started."""
    addresses: list[str] = []

    def handle(self: runserver.Command, *args: object, addrport: str, **options: object) -> None:
        addresses.append(addrport)

    monkeypatch.setattr(runserver.Command, "handle", handle)
    return addresses


@pytest.mark.django_db
def test_demo_seeds_both_catalogs_and_the_account_then_serves(served: list[str]) -> None:
    call_command("demo")
    assert served == ["127.0.0.1:8000"]
    assert Product.objects.count() == 30
    assert MonolithProduct.objects.count() == 30
    assert list(MonolithProduct.objects.order_by("pk").values_list("name", "price", "stock")) == list(
        Product.objects.order_by("pk").values_list("name", "price", "stock")
    )  # the same catalog before the split
    assert get_user_model().objects.get(username="demo").check_password("mfe-demo-pass")
    call_command("demo", "0.0.0.0:9000")  # idempotent: a second run changes nothing but the address
    assert served == ["127.0.0.1:8000", "0.0.0.0:9000"]
    assert MonolithProduct.objects.count() == 30


@pytest.mark.django_db
def test_the_demos_catalog_shows_its_pagination(served: list[str], client) -> None:
    """Issue 28.5: the routes table offers `?page=N`, and the demo's catalog fit on one page (`/?page=2` a 404)."""
    call_command("demo")
    first, second = client.get("/"), client.get("/?page=2")
    assert (first.status_code, second.status_code) == (200, 200)
    assert 'rel="next"' in first.content.decode()
    assert second.content.decode().count('class="product-card"') == 6
    monolith = client.get("/monolith/?page=2")
    assert (monolith.status_code, monolith.content.decode().count('class="product-card"')) == (200, 6)


@pytest.mark.django_db
def test_without_the_monolith_only_the_federated_catalog_is_seeded(served: list[str], settings) -> None:
    settings.MONOLITH = {"ENABLED": False}
    call_command("demo")
    assert Product.objects.count() == 30
    assert not MonolithProduct.objects.exists()


def test_the_demo_outlives_a_check_error_and_serves_again_once_it_is_undone(tmp_path: Path) -> None:
    """The tutorial's exercises break a system check on purpose; the learner's demo must not stop for it."""
    project = project_copy(tmp_path)
    port = free_port()
    command = [sys.executable, "manage.py", "demo", f"127.0.0.1:{port}"]
    env = {**server_environment(), "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    process = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(process.stdout or ()), daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    pin = project / "apps" / "cart" / "apps.py"
    pinned = pin.read_text()
    try:
        wait_until_serving(process, url, timeout=60)
        broken = pinned.replace('required_version=">=1.0,<2"),\n    }', 'required_version=">=2.0,<3"),\n    }')
        # Written again until seen: a busy machine's reloader may take its first look at the files' times after
        # the first write, and then that write is no change to it.
        assert rewrite_until(pin, broken, lambda: "(shared_store.E001)" in "".join(output)), "".join(output)
        assert not serves(url)
        time.sleep(1)  # a demo that stops on the error has stopped by now
        assert process.poll() is None, "the demo stopped on the check error"
        assert rewrite_until(pin, pinned, lambda: serves(url)), "".join(output)
    finally:
        stop(process)


def serves(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def rewrite_until(path: Path, text: str, condition: Callable[[], bool], *, timeout: float = 60) -> bool:
    """Write `text` to `path`, again every few seconds, until `condition` holds; whether it did in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        path.write_text(text)
        if wait_until(condition, timeout=min(5, deadline - time.monotonic())):
            return True
    return False


def wait_until(condition: Callable[[], bool], *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def test_the_split_demo_names_a_server_for_the_host_and_each_remote_on_the_next_ports() -> None:
    servers = {server.name: server for server in split_servers("127.0.0.1:8100")}
    # The shop's four remotes first; a remote the learner mounts (the tutorial's chapter 10) gets the next port.
    assert list(servers) == ["host", *settings.MOUNTED_REMOTES]
    assert list(servers)[:5] == ["host", "products", "cart", "payment", "analytics"]
    assert [server.address for server in servers.values()] == [f"127.0.0.1:{8100 + n}" for n in range(len(servers))]
    assert servers["host"].environment == {
        f"REMOTE_{name.upper()}_URL": f"http://{server.address}" for name, server in servers.items() if name != "host"
    }
    assert servers["host"].environment["REMOTE_ANALYTICS_URL"] == "http://127.0.0.1:8104"
    # Each remote as the README starts it: its app, DEBUG=1 for development on this machine, the served settings.
    assert servers["cart"].environment == {"REMOTE_APP": "apps.cart", "DEBUG": "1"}
    assert servers["cart"].command().endswith("runserver 127.0.0.1:8102 --settings=federation.served_settings")
    assert split_servers("0.0.0.0:9000")[0].environment["REMOTE_CART_URL"] == "http://127.0.0.1:9002"


def test_the_split_demo_serves_the_shop_from_five_servers_in_one_log_and_ctrl_c_stops_them_all(tmp_path: Path) -> None:
    port = free_ports(5)
    env = {**server_environment(), "DATABASE_URL": f"sqlite:///{tmp_path / 'split.sqlite3'}"}
    command = [sys.executable, "manage.py", "demo", "--split", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(process.stdout or ()), daemon=True).start()
    host = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, f"{host}/", timeout=90)
        assert wait_until(lambda: badge_label(httpx.get(f"{host}/").text) == "Bag, 0 items", timeout=30)
        home = httpx.get(f"{host}/").text
        assert home.count('class="product-card"') == 24  # seeded like the demo, rendered by the products server
        for stylesheet in re.findall(r'<link rel="stylesheet" href="(/remotes/[^"]+)"', home):
            answer = httpx.get(f"{host}{stylesheet}")
            assert (answer.status_code, answer.headers["Content-Type"][:8]) == (200, "text/css"), stylesheet
        for offset, name in enumerate(["products", "cart", "payment", "analytics"], start=1):
            manifest = httpx.get(f"http://127.0.0.1:{port + offset}/_federation/manifest.json").json()
            assert manifest["remote"] == name
        log = "".join(output)
        assert f"- host: {host}/" in log
        for name in ("host", "products", "cart", "payment", "analytics"):
            assert re.search(rf"^\S+ {name} +\| ", log, re.MULTILINE), f"no line of {name} in the log:\n{log}"
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            process.wait(timeout=20)
        finally:
            stop(process)
    assert all(not listening(port + offset) for offset in range(5)), "a server outlived Ctrl-C"


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
