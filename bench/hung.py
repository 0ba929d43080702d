"""The cart's server hangs: how fast the catalog stays, and how soon the shop recovers (`bench/load.py --hung-cart`).

The host runs under gunicorn with the cart mounted by URL from the cart's own server. Visitors load the catalog,
whose only cart part is the header's badge: first with the cart answering, then with its server stopped by
SIGSTOP (it accepts connections and never answers), then it is continued (SIGCONT) and the time until the badge
is the cart's again is measured. The circuit breaker (host/over_http/breaker.py) is what keeps the hung phase fast.
"""

import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from servers import ROOT, Gunicorn, free_port, wait_until_serving

FALLBACK = "The cart part of the shop is unavailable right now."
BADGE = 'class="cart-badge"'
TARGET_RATIO = 0.8


@dataclass
class Phase:
    """One phase of the run: every answer's latency, and how many showed the cart's fallback."""

    name: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # milliseconds
    fallbacks: int = 0
    failures: int = 0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def run(env: Mapping[str, str], *, workers: int, users: int, seconds: float, workdir: Path) -> tuple[str, bool]:
    """Measure both phases and the recovery; the Markdown report, and whether the targets were met."""
    cart_port = free_port()
    cart_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "federation.served_settings",
        "REMOTE_APP": "apps.cart",
        "DEBUG": "false",
    }
    cart_env.pop("STATIC_ROOT", None)  # a remote serves its own static files, found in the app
    # runserver rather than gunicorn: one process, which SIGSTOP stops whole (a gunicorn master's workers go on).
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{cart_port}", "--noreload"]
    cart = subprocess.Popen(command, cwd=ROOT, env=cart_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    host = None
    try:
        cart_url = f"http://127.0.0.1:{cart_port}"
        wait_until_serving(cart, f"{cart_url}/_federation/manifest.json", workdir / "cart.log")
        cooling = float(env.get("REMOTE_BREAKER_COOLING_SECONDS", "10"))
        host = Gunicorn({**env, "REMOTE_CART_URL": cart_url}, log=workdir / "gunicorn-host.log", workers=workers)
        host.wait()
        normal = load(host.url, Phase("cart answering"), users=users, seconds=seconds)
        cart.send_signal(signal.SIGSTOP)
        hung = load(host.url, Phase("cart hung (SIGSTOP)"), users=users, seconds=seconds)
        cart.send_signal(signal.SIGCONT)
        recovered_in = recovery(host.url, limit=cooling * 3)
    finally:
        cart.send_signal(signal.SIGCONT)
        cart.terminate()
        cart.wait(timeout=15)
        if host is not None:
            host.stop()
    ratio = hung.rps / normal.rps if normal.rps else 0.0
    met = ratio >= TARGET_RATIO and recovered_in is not None and recovered_in <= cooling and not hung.failures
    return report([normal, hung], ratio=ratio, recovered_in=recovered_in, cooling=cooling, users=users), met


def load(base_url: str, phase: Phase, *, users: int, seconds: float) -> Phase:
    """`users` visitors loading the catalog page back to back for `seconds`."""
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def visitor() -> None:
        with httpx.Client(base_url=base_url, timeout=30) as client:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                response = client.get("/")
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if response.status_code != 200 or (BADGE not in response.text and FALLBACK not in response.text):
                        phase.failures += 1
                        continue
                    phase.latencies.append(elapsed)
                    phase.fallbacks += FALLBACK in response.text

    started = time.monotonic()
    threads = [threading.Thread(target=visitor) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.monotonic() - started
    return phase


def recovery(base_url: str, *, limit: float) -> float | None:
    """Seconds from now until a catalog page shows the cart's own badge again (None past `limit`)."""
    started = time.monotonic()
    with httpx.Client(base_url=base_url, timeout=30) as client:
        while time.monotonic() - started < limit:
            html = client.get("/").text
            if BADGE in html and FALLBACK not in html:
                return time.monotonic() - started
            time.sleep(0.1)
    return None


def report(phases: list[Phase], *, ratio: float, recovered_in: float | None, cooling: float, users: int) -> str:
    lines = [
        f"Catalog page (`GET /`), {users} visitors back to back; the cart mounted by URL from its own server.",
        "",
        "| phase | requests | requests/s | p50 (ms) | p95 (ms) | with the cart's fallback | failures |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for phase in phases:
        lines.append(
            f"| {phase.name} | {len(phase.latencies)} | {phase.rps:.1f} | {phase.percentile(0.5):.0f} | "
            f"{phase.percentile(0.95):.0f} | {phase.fallbacks} | {phase.failures} |"
        )
    recovered = f"{recovered_in:.1f} s" if recovered_in is not None else f"not within {cooling * 3:.0f} s"
    lines += [
        "",
        f"- throughput while the cart hangs: **{ratio:.2f}×** normal (target ≥ {TARGET_RATIO}×)",
        f"- the cart's badge back after SIGCONT in **{recovered}** (target: within the {cooling:.0f} s cooling period)",
        f"- median latency while hung: {statistics.median(phases[1].latencies) if phases[1].latencies else 0:.0f} ms",
    ]
    return "\n".join(lines)
