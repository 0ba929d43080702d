"""With REDIS_URL set (config/base_settings.py), the cache and the sessions go through a real Redis.

Each test starts Debian's redis-server on a free loopback port (the `redis_url` fixture), with no persistence,
and runs the shop's settings in a subprocess (settings are read once per process, so this one's cannot be
switched to Redis).
"""

import json
import pickle

import pytest
import redis
from django.contrib.sessions.models import Session

from tests.servers import manage, server_environment

pytestmark = pytest.mark.server

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
    assert seen["sessions"] == "config.sessions.cached_db"  # Django's cached_db, saving key by key
    assert seen["read"] == "from redis"
    assert pickle.loads(client.get(django_key("written-by-django"))) == "from django"
    # cached_db: the session is in Redis for fast reads, and in the database so it outlives a Redis restart.
    cached = client.get(django_key(f"django.contrib.sessions.cached_db{seen['session_key']}"))
    assert pickle.loads(cached) == {"probe": "kept"}
    assert Session.objects.get(session_key=seen["session_key"]).get_decoded() == {"probe": "kept"}


def test_without_redis_url_nothing_needs_redis() -> None:
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)",
        env={**server_environment(), "REDIS_URL": ""},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "config.sessions.db",
    ]
