"""The PostgreSQL connection budget holds under load (docs/deployment.md): a server of gthread workers keeps at
most workers × DATABASE_POOL_MAX connections, however many threads answer at once (each would keep its own
without the pool: two servers of 2 workers × 25 threads once held 97 of PostgreSQL's 100)."""

import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from django.db import connection

from tests.servers import PRODUCTION_KEY, free_port, running, server_environment

pytestmark = [pytest.mark.server, pytest.mark.postgres]

WORKERS, THREADS, POOL_MAX = 2, 8, 3


@pytest.mark.django_db(transaction=True)
def test_threaded_workers_keep_to_their_pools_under_load(request: pytest.FixtureRequest, catalog: int) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the pool is PostgreSQL's: CI's PostgreSQL phase runs this")
    collected_static: Path = request.getfixturevalue("collected_static")  # only now: it takes a while to make
    port = free_port()
    env = server_environment(
        DJANGO_SETTINGS_MODULE="host.production",
        SECRET_KEY=PRODUCTION_KEY,
        HTTPS="false",
        STATIC_ROOT=str(collected_static),
        DATABASE_POOL_MAX=str(POOL_MAX),
        GUNICORN_WORKERS=str(WORKERS),
        GUNICORN_THREADS=str(THREADS),
        PGAPPNAME="mfe-budget",  # libpq's: the server's connections are told apart by it
    )
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "host.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        with connection.cursor() as cursor:
            while not done.wait(0.02):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mfe-budget'")
                peak = max(peak, cursor.fetchone()[0])
        connection.close()

    with running(command, port=port, env=env) as base_url:
        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            with ThreadPoolExecutor(max_workers=WORKERS * THREADS * 2) as pool:
                statuses = list(pool.map(lambda _: httpx.get(f"{base_url}/", timeout=30).status_code, range(200)))
        finally:
            done.set()
            sampler.join()
    assert statuses == [200] * len(statuses)
    assert 0 < peak <= WORKERS * POOL_MAX, f"{peak} connections for {WORKERS} workers × {THREADS} threads"
