"""A short smoke run of the load script (bench/load.py): it works end to end, with no failed request.

Not a benchmark: nothing here asserts on speed. docs/production.md records a real 60 s run.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import ROOT

pytestmark = pytest.mark.server

REQUESTS = ["GET /", "GET /product/[id]/", "POST /remotes/products/[id]/add-to-cart/", "GET /bag/"]


def bench_environment() -> dict[str, str]:
    """This environment without pytest's and Django's variables, nor DATABASE_URL: the script makes its own."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_")) and key != "DATABASE_URL"
    }


@pytest.mark.slow
def test_a_short_load_run_against_gunicorn_has_no_failure_and_prints_the_table(collected_static: Path) -> None:
    command = [
        sys.executable,
        "bench/load.py",
        "--duration",
        "4",
        "--users",
        "2",
        "--workers",
        "2",
        "--static-root",
        str(collected_static),
    ]
    result = subprocess.run(command, cwd=ROOT, env=bench_environment(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| request | requests | failures | requests/s | p50 (ms) | p95 (ms) | p99 (ms) |" in result.stdout
    for name in REQUESTS:
        row = re.search(rf"^\| `{re.escape(name)}` \| (\d+) \| (\d+) \|", result.stdout, re.MULTILINE)
        assert row, f"no row for {name}:\n{result.stdout}"
        assert int(row[1]) > 0
        assert row[2] == "0"
    assert re.search(r"^\| \*\*total\*\* \| \d+ \| 0 \|", result.stdout, re.MULTILINE), result.stdout


@pytest.mark.slow
def test_a_short_run_with_the_cart_hung_serves_every_catalog_page_and_prints_the_report(collected_static: Path) -> None:
    """`--hung-cart`: every page answers (with the cart's fallback while it hangs); the figures are not judged."""
    command = [
        sys.executable,
        "bench/load.py",
        "--hung-cart",
        "--duration",
        "2",
        "--users",
        "2",
        "--workers",
        "2",
        "--static-root",
        str(collected_static),
    ]
    # A short budget and cooling period: the run is over sooner, and nothing here judges how fast it was.
    env = {**bench_environment(), "REMOTE_TIMEOUT": "0.5", "REMOTE_BREAKER_COOLING_SECONDS": "2"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode in {0, 1}, result.stdout + result.stderr  # 1: a target missed, which is not judged here
    for phase in ("cart answering", "cart hung (SIGSTOP)"):
        pattern = rf"^\| {re.escape(phase)} \| (\d+) \| [\d.]+ \| \d+ \| \d+ \| (\d+) \| (\d+) \|$"
        row = re.search(pattern, result.stdout, re.MULTILINE)
        assert row, f"no row for {phase}:\n{result.stdout}\n{result.stderr}"
        assert int(row[1]) > 0
        assert row[3] == "0"  # no page failed: the shop stayed up
    assert re.search(r"the cart's badge back after SIGCONT in \*\*[\d.]+ s\*\*", result.stdout), result.stdout


LOOPBACK = ["http://127.0.0.1:8000", "http://127.8.9.10:8000", "http://[::1]:8000", "http://localhost:8000"]
ELSEWHERE = ["http://10.0.0.1:8000", "http://192.168.1.20", "https://example.com", "http://127.0.0.1.example.com", ""]

# Runs in a process of its own: importing locust monkey-patches the standard library.
GUARD = """
import json, sys
from locustfile import require_loopback
accepted = {}
for url in json.loads(sys.argv[1]):
    try:
        require_loopback(url)
        accepted[url] = True
    except SystemExit as refusal:
        assert str(refusal).startswith("Refusing to load"), refusal
        accepted[url] = False
print(json.dumps(accepted))
"""


def test_only_loopback_targets_are_accepted() -> None:
    """The guard alone, on URLs that are never contacted."""
    urls = json.dumps(LOOPBACK + ELSEWHERE)
    result = subprocess.run(
        [sys.executable, "-c", GUARD, urls],
        cwd=ROOT / "bench",
        env=bench_environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {url: url in LOOPBACK for url in LOOPBACK + ELSEWHERE}
