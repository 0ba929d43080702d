"""Start the shop's own servers (gunicorn, a remote's server) as subprocesses on loopback, for tests."""

import itertools
import os
import random
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
# The production settings refuse to start without a long random key.
PRODUCTION_KEY = secrets.token_urlsafe(64)


# Ports for the servers the tests start. All below Linux's ephemeral range (32768 and up), which the kernel hands
# out for outgoing connections and for port 0: a port taken from here cannot be taken by a connection meanwhile.
# Each xdist worker has its own block, so two workers never start servers on one port; a process outside xdist
# (a run in one process, or the tutorial's nested runs) takes a block at random from the top of the range.
PORT_BLOCK = 500
WORKER_BLOCKS = range(20_000, 26_000, PORT_BLOCK)
OTHER_BLOCKS = range(26_000, 32_000, PORT_BLOCK)


def _port_block() -> range:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ...: set by pytest-xdist in its workers
    if worker.removeprefix("gw").isdigit():
        start = WORKER_BLOCKS[int(worker.removeprefix("gw")) % len(WORKER_BLOCKS)]
    else:
        start = random.choice(OTHER_BLOCKS)
    return range(start, start + PORT_BLOCK)


_block = _port_block()
_ports = itertools.cycle(_block)


def free_ports(count: int) -> int:
    """The first of `count` consecutive loopback ports that are all free now (for a command that takes a port
    and uses the ones after it)."""
    for _ in range(PORT_BLOCK):
        first = free_port()
        if all(_bindable(port) for port in range(first + 1, first + count)):
            return first
    raise RuntimeError(f"No {count} free ports in a row in {_block}.")


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port() -> int:
    """A loopback port no other server of this run is given, and free now."""
    for _ in range(PORT_BLOCK):
        port = next(_ports)
        if _bindable(port):  # else taken, by a server still stopping or by another program
            return port
    raise RuntimeError(f"No free port in {_block}.")


def shared_database_url() -> str:
    """A DATABASE_URL for the database this test run uses, so a server process shares its data."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else (f"{db['USER']}@" if db["USER"] else "")
    return f"postgres://{auth}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def server_environment(**extra: str) -> dict[str, str]:
    """The environment of a server process: this one's, on the test database, without pytest's variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "DJANGO_"))}
    return {**env, "DATABASE_URL": shared_database_url(), **extra}


@contextmanager
def running(command: list[str], *, port: int, env: Mapping[str, str], ready_path: str = "/") -> Iterator[str]:
    """Run `command` (a server listening on `port`) until the block ends; yields its base URL."""
    base_url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(command, cwd=ROOT, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(process, base_url + ready_path)
        yield base_url
    finally:
        stop(process)


def wait_until_serving(process: subprocess.Popen[bytes], url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"The server exited with {process.returncode}:\n{output}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError(f"Nothing answered at {url} within {timeout} s.")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def manage(*args: str, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a manage.py command in a subprocess; its output is returned, not printed."""
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=dict(env), capture_output=True, text=True, check=False
    )


def collect_static(static_root: Path) -> None:
    """`collectstatic` with the production settings (hashed names, compressed copies) into `static_root`."""
    env = server_environment(
        DJANGO_SETTINGS_MODULE="host.production", SECRET_KEY=PRODUCTION_KEY, STATIC_ROOT=str(static_root)
    )
    result = manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stderr


def served_remote_command(port: int) -> list[str]:
    """A remote (REMOTE_APP in its environment) served alone for a host (federation/served_settings.py)."""
    return [
        sys.executable,
        "manage.py",
        "runserver",
        f"127.0.0.1:{port}",
        "--noreload",
        "--settings=federation.served_settings",
    ]


def served_remote_environment(app: str, secret_key: str) -> dict[str, str]:
    """The remote shares the host's database (store, sessions, handoff) and SECRET_KEY (the sealed context)."""
    return server_environment(REMOTE_APP=app, SECRET_KEY=secret_key)


def wait_until_redis_answers(process: subprocess.Popen[bytes], client: redis.Redis, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"redis-server exited with {process.returncode}:\n{output}")
        try:
            client.ping()
            return
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server did not answer within {timeout} s.")
