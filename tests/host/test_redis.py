"""With REDIS_URL set (federation/base_settings.py), the cache and the sessions go through a real Redis.

Each test starts Debian's redis-server on a free loopback port, with no persistence, and runs the shop's settings
in a subprocess (settings are read once per process, so this one's cannot be switched to Redis).
"""

import json
import os
import pickle
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis
from django.contrib.sessions.models import Session

from tests.servers import free_port, manage, server_environment, stop

# Run by `manage.py shell` with the shop's settings: one cache write, one cache read, one session saved.
SCRIPT = """
import json
from importlib import import_module
from django.conf import settings
from django.core.cache import cache
cache.set("written-by-django", "from django", 60)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session["probe"] = "kept"
session.save()
print(json.dumps({"cache": settings.CACHES["default"]["BACKEND"], "sessions": settings.SESSION_ENGINE,
                  "read": cache.get("written-by-redis"), "session_key": session.session_key}))
"""


def redis_server_path() -> str:
    """redis-server's path. CI installs it (.ci/run), so there a missing one fails instead of skipping."""
    path = shutil.which("redis-server")
    if path is None:
        if os.environ.get("CI", "").lower() not in {"", "0", "false"}:
            pytest.fail("redis-server is not installed: .ci/run installs Debian's redis-server package.")
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server).")
    return path


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A throwaway redis-server on loopback, keeping nothing on disk; its URL while the test runs."""
    port = free_port()
    command = [redis_server_path(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_until_answering(process, redis.Redis.from_url(url))
        yield url
    finally:
        stop(process)


def wait_until_answering(process: subprocess.Popen[bytes], client: redis.Redis, timeout: float = 10) -> None:
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


def django_key(key: str) -> str:
    """The Redis key Django's cache stores `key` under (no KEY_PREFIX, version 1)."""
    return f":1:{key}"


@pytest.mark.django_db(transaction=True)  # the subprocess saves its session in the test database
def test_the_cache_and_the_sessions_go_through_redis(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    client.set(django_key("written-by-redis"), pickle.dumps("from redis"))  # Django's cache pickles values

    result = manage("shell", "--no-imports", "-c", SCRIPT, env=server_environment(REDIS_URL=redis_url))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)

    assert seen["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert seen["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert seen["read"] == "from redis"
    assert pickle.loads(client.get(django_key("written-by-django"))) == "from django"
    # cached_db: the session is in Redis for fast reads, and in the database so it outlives a Redis restart.
    cached = client.get(django_key(f"django.contrib.sessions.cached_db{seen['session_key']}"))
    assert pickle.loads(cached) == {"probe": "kept"}
    assert Session.objects.get(session_key=seen["session_key"]).get_decoded() == {"probe": "kept"}


def test_without_redis_url_nothing_needs_redis() -> None:
    result = manage("shell", "--no-imports", "-c", "from django.conf import settings as s; "
                    "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)",
                    env={**server_environment(), "REDIS_URL": ""})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]
