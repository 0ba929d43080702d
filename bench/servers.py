"""The shop's servers for the benchmarks: gunicorn on a free loopback port, and manage.py commands."""

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2


def manage(env: Mapping[str, str], *args: str) -> None:
    """Run a manage.py command; raise with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=dict(env), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving host.wsgi (with env's DJANGO_SETTINGS_MODULE) on a free loopback port, started at once."""

    def __init__(
        self, env: Mapping[str, str], *, log: Path, workers: int = WORKERS, ready: str = "/", keep_alive: bool = False
    ) -> None:
        port = free_port()
        self.url, self.log, self.ready = f"http://127.0.0.1:{port}", log, ready
        # No control socket: its default path (in $HOME) would be shared with any other gunicorn running here.
        # --preload: Django is set up once, before the workers fork, so booting three servers takes less time.
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "host.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--preload",
            # gunicorn's sync workers close every connection; a gthread worker with one thread serves as many
            # requests at once as a sync one, and keeps connections alive for a client that reuses them.
            *(["--worker-class", "gthread", "--threads", "1"] if keep_alive else []),
        ]
        with log.open("wb") as output:
            self.process = subprocess.Popen(command, cwd=ROOT, env=dict(env), stdout=output, stderr=subprocess.STDOUT)

    def wait(self) -> None:
        wait_until_serving(self.process, self.url + self.ready, self.log)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown: nothing is in flight any more
        self.stopped()

    def stopped(self) -> None:
        """Wait for the process to end (killed if it does not), then show what it logged besides INFO lines."""
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        problems = [line for line in self.log.read_text().splitlines() if "[INFO]" not in line]
        if problems:
            print(
                f"{self.log.name}: {len(problems)} lines of warnings or errors:",
                *problems[-40:],
                sep="\n",
                file=sys.stderr,
            )


def wait_until_serving(process: subprocess.Popen[bytes], url: str, log: Path, timeout: float = 60) -> None:
    """Until `url` answers 200: gunicorn accepts connections as soon as it binds, before its workers boot."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s:\n{log.read_text()}")
