"""Tests of the production settings (host/production.py) and the production server (gunicorn + whitenoise)."""

import json
import sys
from pathlib import Path

import httpx
import pytest
from pytest_django.fixtures import Settings

from api.models import Product
from tests.servers import PRODUCTION_KEY as KEY
from tests.servers import free_port, manage, running, server_environment

pytestmark = pytest.mark.server


def production_env(**extra: str) -> dict[str, str]:
    return server_environment(DJANGO_SETTINGS_MODULE="host.production", SECRET_KEY=KEY, **extra)


def test_check_deploy_reports_nothing() -> None:
    # A shared cache, as production has (its server is not asked: `check` connects to nothing).
    env = production_env(REDIS_URL="redis://127.0.0.1:6379/0")
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_without_a_shared_cache_is_warned() -> None:
    result = manage("check", "--deploy", env=production_env())
    assert "federation.W001" in result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize("key", ["", "short-and-guessable"])
def test_production_refuses_to_start_without_a_real_secret_key(key: str) -> None:
    result = manage("check", env={**production_env(), "SECRET_KEY": key})
    assert result.returncode == 1
    assert "Set SECRET_KEY to a long random value (50+ characters)" in result.stderr


def test_production_turns_debug_and_the_development_tools_off_and_cookies_secure() -> None:
    script = (
        "from django.conf import settings as s; import json; print(json.dumps({'debug': s.DEBUG, "
        "'inspector': s.INSPECTOR['ENABLED'], 'monolith': s.MONOLITH['ENABLED'], "
        "'cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE], "
        "'jwt_key_is_secret_key': __import__('rest_framework_simplejwt.settings').settings.api_settings.SIGNING_KEY"
        " == s.SECRET_KEY, 'whitenoise': 'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE}))"
    )
    result = manage("shell", "--no-imports", "-c", script, env=production_env())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "inspector": False,
        "monolith": False,
        "cookies": [True, True, True, True, "Lax", "Lax"],
        "jwt_key_is_secret_key": True,
        "whitenoise": True,
    }


@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_the_shop_and_its_static_files(collected_static: Path, catalog: int) -> None:
    """The documented production command, on loopback: pages, CSP, and hashed static files from whitenoise."""
    env = production_env(STATIC_ROOT=str(collected_static), HTTPS="false")
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "host.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    with running(command, port=port, env=env) as base_url:
        page = httpx.get(base_url + "/", headers={"Accept-Encoding": "gzip"})
        assert page.status_code == 200
        assert Product.objects.order_by("pk").first().name in page.text
        # HTML is compressed (docs/production.md says why that is safe from BREACH): a fraction of its size.
        assert page.headers["Content-Encoding"] == "gzip"
        assert int(page.headers["Content-Length"]) < len(page.content) / 4
        assert "script-src 'self' 'nonce-" in page.headers["Content-Security-Policy"]
        stylesheet = next(line for line in page.text.splitlines() if "host/host." in line and "stylesheet" in line)
        href = stylesheet.split('href="')[1].split('"')[0]
        assert href != "/static/host/host.css"  # a hashed name, cacheable forever
        css = httpx.get(base_url + href, headers={"Accept-Encoding": "gzip"})
        assert css.status_code == 200
        assert css.headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in css.headers["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_a_logout_holds_in_every_worker_at_once_without_a_shared_cache(demo_user, settings: Settings) -> None:
    """Issue 27.4: gunicorn's two workers, each with its own cache; a logout in one, its token refused by both."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the one production checks
    demo_user.set_password("mfe-demo-pass")
    demo_user.save()
    env = production_env(HTTPS="false")
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "host.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    with running(command, port=port, env=env, ready_path="/api/me/") as base_url:
        answer = httpx.post(base_url + "/api/token/", json={"username": "demo", "password": "mfe-demo-pass"})
        assert answer.status_code == 200, answer.text
        pair = answer.json()
        bearer = {"Authorization": f"Bearer {pair['access']}"}

        def me() -> int:
            # A connection each time (no keep-alive), so the calls reach both workers.
            return httpx.get(base_url + "/api/me/", headers=bearer).status_code

        assert {me() for _ in range(20)} == {200}  # each worker has now asked about this login
        assert httpx.post(base_url + "/api/token/blacklist/", json={"refresh": pair["refresh"]}).status_code == 204
        assert [me() for _ in range(20)] == [401] * 20
