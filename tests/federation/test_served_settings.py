"""A remote served for a host (federation/served_settings.py) starts only with a real key, and shows no debug page."""

import secrets

import httpx
import pytest

from config.base_settings import DEVELOPMENT_SECRET_KEY
from tests.conftest import ServedRemote
from tests.servers import manage, server_environment

pytestmark = pytest.mark.server

REAL_KEY = secrets.token_urlsafe(64)


def check(**env: str):
    """`manage.py check` with the served settings, for the cart, in an environment of exactly these variables."""
    base = {key: value for key, value in server_environment().items() if key not in {"DEBUG", "SECRET_KEY"}}
    return manage("check", "--settings=federation.served_settings", env={**base, "REMOTE_APP": "apps.cart", **env})


@pytest.mark.parametrize(
    ("env", "refusal"),
    [
        ({}, "Set SECRET_KEY to the host's own key"),
        ({"SECRET_KEY": DEVELOPMENT_SECRET_KEY}, "Set SECRET_KEY to the host's own key"),
        ({"DEBUG": "0", "SECRET_KEY": DEVELOPMENT_SECRET_KEY}, "Set SECRET_KEY to the host's own key"),
        ({"DEBUG": "1", "ALLOWED_HOSTS": "cart.internal"}, "only in development on this machine"),
        ({"DEBUG": "1", "SECRET_KEY": REAL_KEY, "ALLOWED_HOSTS": "cart.internal"}, "only in development"),
    ],
    ids=["no key", "the public key", "the public key, DEBUG off", "debug off loopback", "debug, key, off loopback"],
)
def test_a_remote_server_refuses_to_start_without_a_real_key_or_with_debug_pages_for_others(
    env: dict[str, str], refusal: str
) -> None:
    result = check(**env)
    assert result.returncode != 0
    assert refusal in result.stderr


@pytest.mark.parametrize(
    "env", [{"SECRET_KEY": REAL_KEY}, {"DEBUG": "1"}], ids=["a real key", "development on loopback, asked for"]
)
def test_a_remote_server_starts_with_a_real_key_or_in_development_on_loopback(env: dict[str, str]) -> None:
    result = check(**env)
    assert result.returncode == 0, result.stderr


def test_a_remote_servers_404_is_no_debug_page(cart_over_http: ServedRemote) -> None:
    response = httpx.get(f"{cart_over_http.url}/no/such/page/")
    assert response.status_code == 404
    assert "URLconf" not in response.text
    assert "DEBUG = True" not in response.text


@pytest.mark.parametrize(
    ("env", "warned"),
    [
        ({"SECRET_KEY": REAL_KEY}, True),
        ({"SECRET_KEY": REAL_KEY, "REDIS_URL": "redis://127.0.0.1:6379/0"}, False),
        ({"DEBUG": "1"}, False),
    ],
    ids=["production, a cache of its own", "production, a shared cache", "development"],
)
def test_a_remote_server_in_production_is_warned_without_a_shared_cache(env: dict[str, str], warned: bool) -> None:
    """The one-time contexts are remembered in the cache: one per process would let each be used once per worker."""
    result = check(**env)
    assert result.returncode == 0, result.stderr
    assert ("federation.W001" in result.stderr + result.stdout) is warned, result.stderr + result.stdout
