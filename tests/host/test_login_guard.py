"""Guessing passwords: django-axes locks an account for an address; throttles count per address and username,
and per account.

Addresses come from config/addresses.py: X-Forwarded-For is believed only behind a trusted proxy.
"""

import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from pytest_django.fixtures import Settings

from api.throttles import CredentialRateThrottle
from config.lockout import lockout_message
from tests.servers import PRODUCTION_KEY, ROOT, server_environment

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

LOCKED = "Too many failed logins for this account from your address."


def login(client: Client, password: str, username: str = "demo", **headers: str):
    return client.post("/login/", {"username": username, "password": password}, headers=headers)


def token(client: Client, password: str, username: str = "demo", **headers: str):
    return client.post(
        "/api/token/", {"username": username, "password": password}, content_type="application/json", headers=headers
    )


@pytest.fixture
def behind_proxy(settings: Settings) -> None:
    """The documented deployment: one TLS proxy in front (BEHIND_TLS_PROXY=1), which every request comes from."""
    settings.TRUSTED_PROXIES = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def test_five_wrong_passwords_lock_the_account_for_that_address_with_a_clear_message(client: Client, demo_user) -> None:
    for _ in range(4):
        assert login(client, "wrong").status_code == 200  # the form says the password is wrong
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert LOCKED in locked.content.decode()
    right = login(client, "mfe-demo-pass")  # even the right password, for the cool-off
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    api = token(client, "mfe-demo-pass")  # the API's login counts the same failures
    assert (api.status_code, api.json()["error"]["message"]) == (429, lockout_message())
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")  # the account's owner, from their own address
    assert login(elsewhere, "mfe-demo-pass").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client: Client, demo_user, settings: Settings) -> None:
    for _ in range(5):
        login(client, "wrong")
    assert login(client, "mfe-demo-pass").status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert login(client, "mfe-demo-pass").status_code == 302


def test_wrong_passwords_at_the_api_lock_the_account_for_that_address_too(client: Client, demo_user) -> None:
    assert [token(client, "wrong").status_code for _ in range(5)] == [401] * 4 + [429]  # the fifth says why
    assert token(client, "mfe-demo-pass").status_code == 429
    assert login(client, "mfe-demo-pass").status_code == 429


def test_behind_the_proxy_one_guesser_does_not_lock_everyone_out(client: Client, demo_user, behind_proxy) -> None:
    """Finding 5: every request comes from the proxy; the visitor's address is the one the proxy forwards."""
    attacker = {"X-Forwarded-For": "203.0.113.9"}
    for _ in range(5):
        token(client, "wrong", **attacker)
    assert token(client, "mfe-demo-pass", **attacker).status_code == 429  # the guesser's own address is locked...
    shopper = Client(REMOTE_ADDR="127.0.0.1")  # ...while another visitor, through the same proxy, logs in
    assert login(shopper, "mfe-demo-pass", **{"X-Forwarded-For": "198.51.100.7"}).status_code == 302


def test_a_script_spending_the_limit_does_not_lock_out_the_others_behind_its_address(client: Client, demo_user) -> None:
    """Issue 27.1: 31 logins with made-up usernames from one address, then a shopper there logs in."""
    statuses = [token(client, "wrong", username=f"someone{n}").status_code for n in range(31)]
    assert set(statuses) == {401}  # none of those accounts exists: each is one wrong guess, not a flood of one
    assert login(Client(), "mfe-demo-pass").status_code == 302  # the HTML login, from the same address
    assert token(client, "mfe-demo-pass").status_code == 200  # and the API's


def test_one_address_is_limited_per_username(client: Client, demo_user, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CredentialRateThrottle, "THROTTLE_RATES", {"auth": "3/minute"})
    statuses = [token(client, "wrong", username="nobody").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert token(client, "mfe-demo-pass").status_code == 200  # another username from there is counted apart
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert token(elsewhere, "wrong", username="NOBODY").status_code == 401  # another address is too


def test_without_a_trusted_proxy_a_forged_forwarded_address_changes_nothing(
    client: Client, demo_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CredentialRateThrottle, "THROTTLE_RATES", {"auth": "3/minute"})
    statuses = [
        token(client, "wrong", username="nobody", **{"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(4)
    ]
    assert statuses[-1] == 429  # counted by the connecting address, whatever the header claims
    for n in range(5):
        login(client, "wrong", **{"X-Forwarded-For": f"198.51.100.{n}"})
    assert login(client, "mfe-demo-pass").status_code == 429  # one address, five failures: locked


def test_logins_to_one_account_are_counted_from_every_address(client: Client, demo_user, behind_proxy) -> None:
    statuses = [token(client, "wrong", **{"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429  # the account's own limit: ten a minute, wherever they come from
    shopper = login(client, "mfe-demo-pass", **{"X-Forwarded-For": "198.51.100.7"})
    assert shopper.status_code == 200  # the site checked the password, then the API refused for now: it says why
    assert "Request was throttled" in shopper.content.decode()


@pytest.mark.server
@pytest.mark.parametrize(("behind", "trusted"), [("1", "1 1"), ("0", "0 0")])
def test_behind_tls_proxy_is_what_makes_forwarded_addresses_believed(behind: str, trusted: str) -> None:
    """One switch, for the throttles (DRF's NUM_PROXIES) and the lockouts (config/addresses.py) alike."""
    script = "from django.conf import settings as s; print(s.TRUSTED_PROXIES, s.REST_FRAMEWORK['NUM_PROXIES'])"
    env = server_environment(
        DJANGO_SETTINGS_MODULE="host.production", SECRET_KEY=PRODUCTION_KEY, BEHIND_TLS_PROXY=behind
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == trusted.split(), result.stderr
