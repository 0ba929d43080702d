"""gunicorn's settings for every server of the shop (the host, and each remote on its own server).

    gunicorn host.wsgi --config deploy/gunicorn.conf.py --bind 127.0.0.1:8002 --pid /run/mfe/cart.pid

Threaded workers (gthread): the shop's requests mostly wait (on the database, on a remote's server), and a thread
waits for less memory than a process. Each worker keeps at most DATABASE_POOL_MAX connections to PostgreSQL,
whatever its number of threads (config/base_settings.py); docs/deployment.md adds up the budget.

For a redeploy without a dropped request (deploy/redeploy), each worker says it is ready once it has loaded the
shop: a file named `<master pid>-<worker pid>` in GUNICORN_READY_DIR, when that is set.
"""

import os
from pathlib import Path
from typing import Any

workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker restarted after this many requests (with jitter, so not all at once) keeps memory in check.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# On QUIT (a redeploy) or TERM: finish the requests under way, for at most this long.
graceful_timeout = 30
# No control socket: its default path (in $HOME) would be shared by every server on the machine.
control_socket_disable = True
_ready = os.environ.get("GUNICORN_READY_DIR")


def post_worker_init(worker: Any) -> None:
    if _ready:
        Path(_ready, f"{worker.ppid}-{worker.pid}").touch()


def worker_exit(server: Any, worker: Any) -> None:
    if _ready:
        Path(_ready, f"{worker.ppid}-{worker.pid}").unlink(missing_ok=True)
