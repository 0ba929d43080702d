"""Load test: gunicorn on loopback, locust visitors browsing, adding to cart and checking the bag; a Markdown report.

    uv run python bench/load.py --duration 60 --users 20 --workers 4
    uv run python bench/load.py --hung-cart --duration 20 --workers 2    # the cart's server hangs (bench/hung.py)

Exits 1 if any request failed or a visitor's code raised. DATABASE_URL, if set, names the database to migrate,
seed and use instead of a fresh SQLite file. See docs/production.md for a recorded run.
"""

import argparse
import os
import secrets
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import gevent

# bench/locustfile.py: this file's folder is on sys.path when it runs as a script.
import hung
from locust.env import Environment
from locust.stats import RequestStats, StatsEntry
from locustfile import ShopVisitor, require_loopback
from servers import Gunicorn, manage

PERCENTILES = (0.50, 0.95, 0.99)


def main() -> int:
    """Parse the options, prepare and start the server unless given one, run the load, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--users", type=int, default=20, help="concurrent visitors (default 20)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--target", help="a server already running on loopback, e.g. http://127.0.0.1:8000")
    parser.add_argument("--static-root", type=Path, help="static files already collected with production settings")
    parser.add_argument(
        "--hung-cart",
        action="store_true",
        help="the cart on its own server: catalog throughput while it hangs, then the recovery",
    )
    args = parser.parse_args()
    if args.hung_cart:
        with tempfile.TemporaryDirectory(prefix="django-mfe-bench-") as tmp:
            env = prepare(Path(tmp), static_root=args.static_root)
            text, met = hung.run(env, workers=args.workers, users=args.users, seconds=args.duration, workdir=Path(tmp))
        print(text)
        return 0 if met else 1
    if args.target:
        require_loopback(args.target)
        result = run_load(args.target, users=args.users, duration=args.duration)
    else:
        with tempfile.TemporaryDirectory(prefix="django-mfe-bench-") as tmp:
            env = prepare(Path(tmp), static_root=args.static_root)
            with gunicorn(env, workers=args.workers, log=Path(tmp) / "gunicorn.log") as base_url:
                result = run_load(base_url, users=args.users, duration=args.duration)
    print(report(result))
    return 1 if result.failed else 0


def prepare(tmp: Path, *, static_root: Path | None) -> dict[str, str]:
    """The server's environment, with a migrated and seeded database and the static files collected."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "host.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        # Plain HTTP on loopback: without this the production settings redirect to https and send Secure cookies.
        "HTTPS": "false",
        "STATIC_ROOT": str(static_root or tmp / "static"),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "seed_catalog")
    if static_root is None:
        manage(env, "collectstatic", "--noinput")
    return env


@contextmanager
def gunicorn(env: Mapping[str, str], *, workers: int, log: Path) -> Iterator[str]:
    """gunicorn with `workers` workers on a free loopback port, until the block ends; yields its URL."""
    server = Gunicorn(env, log=log, workers=workers)
    try:
        server.wait()
        yield server.url
    finally:
        server.stop()


class Result(NamedTuple):
    stats: RequestStats
    crashes: list[str]  # exceptions raised in the visitors' code: no request records them

    @property
    def failed(self) -> bool:
        return bool(self.stats.total.num_failures or self.crashes)


def run_load(base_url: str, *, users: int, duration: float) -> Result:
    """Run locust's visitors against `base_url` for `duration` seconds; its statistics."""
    environment = Environment(user_classes=[ShopVisitor], host=base_url)
    crashes: list[str] = []
    environment.events.user_error.add_listener(lambda exception, **kwargs: crashes.append(repr(exception)))
    runner = environment.create_local_runner()
    # As the `locust` command does, so the locustfile's listeners (its loopback guard) run here too.
    environment.events.init.fire(environment=environment, runner=runner, web_ui=None)
    runner.start(users, spawn_rate=users)
    gevent.spawn_later(duration, runner.quit)
    runner.greenlet.join()
    return Result(environment.stats, crashes)


def report(result: Result) -> str:
    """A Markdown table of locust's statistics per request name and in total, then the failures if any."""
    stats = result.stats
    lines = [
        "| request | requests | failures | requests/s | p50 (ms) | p95 (ms) | p99 (ms) |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    entries: list[StatsEntry] = list(stats.entries.values())  # in the order first requested: the visit's order
    for entry in [*entries, stats.total]:
        name = "**total**" if entry is stats.total else f"`{entry.method} {entry.name}`"
        percentiles = " | ".join(str(entry.get_response_time_percentile(p)) for p in PERCENTILES)
        lines.append(
            f"| {name} | {entry.num_requests} | {entry.num_failures} | {entry.total_rps:.1f} | {percentiles} |"
        )
    if stats.errors:
        lines += ["", "Failures:"]
        lines += [
            f"- {error.occurrences} x `{error.method} {error.name}`: {error.error}" for error in stats.errors.values()
        ]
    if result.crashes:
        lines += ["", "Exceptions in the visitors' code:"]
        lines += [f"- {count} x {crash}" for crash, count in Counter(result.crashes).items()]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
