"""The benchmark suite: what splitting the shop into micro-frontends costs, against the monolith, side by side.

    uv run python bench/suite.py            # full run, rewrites docs/performance.md
    uv run python bench/suite.py --quick    # small counts, to check it runs (CI); no timing is judged
    uv run python bench/suite.py --profile flames/   # also write each page's profile as a flame view

Runs everything in one process on one throwaway database, and writes a Markdown report.
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import shop

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mode:
    name: str
    sizes: tuple[int, ...]
    """Catalog sizes for queries per page and growth."""
    rounds: int
    warmup: int
    cart_lines: tuple[int, ...]
    browser: bool = True
    load_seconds: float = 20


# A bag holds at most 50 different products (shared_store/slices/cart.py, MAX_LINES): the fullest bag is 50.
FULL = Mode("full", sizes=(1_000, 10_000, 100_000), rounds=300, warmup=50, cart_lines=(1, 50), load_seconds=20)
QUICK = Mode("quick", sizes=(100, 300), rounds=10, warmup=3, cart_lines=(1, 5), load_seconds=2)


@dataclass
class Results:
    mode: Mode
    command: str
    latency: list = field(default_factory=list)
    cached_latency: list = field(default_factory=list)  # list and product, the catalog cached in both shops
    queries: dict = field(default_factory=dict)  # (catalog size, cart lines) -> {page: (composed, monolith)}
    growth: dict = field(default_factory=dict)  # catalog size -> median ms of the composed product list
    javascript: list = field(default_factory=list)
    requests: dict = field(default_factory=dict)
    throughput: list = field(default_factory=list)
    profile: list = field(default_factory=list)  # breakdown.PageProfile per page
    seconds: float = 0.0


def run(
    mode: Mode, command: str, *, workdir: Path, static_root: Path | None = None, flame_dir: Path | None = None
) -> Results:
    """Every measurement, on the database shop.setup made; servers' files (static, logs) go in `workdir`, flame
    views of the profiles in `flame_dir` if given."""
    from breakdown import profile
    from pages import Visitors, cached_latency, latency, list_latency, queries

    results = Results(mode=mode, command=command)
    started = time.monotonic()
    for size in mode.sizes:
        shop.seed(size)
        for lines in mode.cart_lines:
            visitors = Visitors()
            visitors.fill_bags(lines)
            results.queries[(size, lines)] = queries(visitors)
        results.growth[size] = list_latency(Visitors(), rounds=mode.rounds, warmup=mode.warmup)
    visitors = Visitors()
    visitors.fill_bags(3)
    results.latency = latency(visitors, rounds=mode.rounds, warmup=mode.warmup)
    results.cached_latency = cached_latency(visitors, rounds=mode.rounds, warmup=mode.warmup)
    results.profile = profile(visitors, rounds=mode.rounds, warmup=mode.warmup, flame_dir=flame_dir)

    from javascript import first_load

    product_id, _ = shop.first_product_ids()
    results.javascript = first_load(f"/product/{product_id}/")

    # Sections 3 and 5 run the shop in servers of its own (gunicorn, production settings) on this database.
    from requests_per_action import requests_per_action
    from throughput import collect_static, servers, throughput

    if static_root is None:
        static_root = workdir / "static"
        collect_static(static_root)
    with servers(static_root, workdir=workdir) as running:
        if mode.browser:
            results.requests = requests_per_action(running.host)
        results.throughput = throughput(running, seconds=mode.load_seconds)
    results.seconds = time.monotonic() - started
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts: check that it runs, judge nothing")
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the report (default: docs/performance.md; with --quick, only printed)",
    )
    parser.add_argument(
        "--static-root",
        type=Path,
        help="static files already collected with the production settings (default: collected for this run)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="also write each page's profile, for both shops, as pyinstrument's HTML flame view into DIR",
    )
    args = parser.parse_args()
    mode = QUICK if args.quick else FULL
    command = "uv run python bench/suite.py" + (" --quick" if args.quick else "")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="django-mfe-suite-") as tmp:
        shop.setup(Path(tmp) / "bench.sqlite3")
        results = run(mode, command, workdir=Path(tmp), static_root=args.static_root, flame_dir=args.profile)
    from report import markdown

    text = markdown(results, machine(load_before))
    output = args.output or (None if args.quick else ROOT / "docs" / "performance.md")
    if output:
        output.write_text(text)
    print(text)
    return 0


def machine(load_before: float) -> dict[str, str]:
    """What the numbers were measured on, and how busy the machine was with other work."""
    import django

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "Database": "SQLite (a fresh file)",
        "Code": code_version(),
        # Anything above 0 before the run is other work sharing the CPUs with the measurements.
        "Load average (1 min), before / after the run": f"{load_before:.1f} / {os.getloadavg()[0]:.1f}",
    }


def code_version() -> str:
    """The commit measured, and whether the working tree differed from it."""

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short=10", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    return commit + (" with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")


if __name__ == "__main__":
    sys.exit(main())
