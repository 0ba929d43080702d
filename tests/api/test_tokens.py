"""Tests of the token endpoints (api/tokens.py, api/views.py): rotation, reuse detection, and what is refused."""

import base64
import json
from collections import Counter
from datetime import timedelta

import jwt
import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken

from api.models import TokenFamily
from api.throttles import CredentialRateThrottle
from tests.helpers import run_concurrently

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PASSWORD = "mfe-demo-pass"


def pair(client: Client) -> dict[str, str]:
    response = client.post("/api/token/", {"username": "demo", "password": PASSWORD}, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def refresh(client: Client, token: str):
    return client.post("/api/token/refresh/", {"refresh": token}, content_type="application/json")


def me(client: Client, access: str):
    return client.get("/api/me/", headers={"Authorization": f"Bearer {access}"})


def test_pair_gives_tokens_that_work(client: Client, demo_user) -> None:
    tokens = pair(client)
    assert set(tokens) == {"access", "refresh"}
    body = me(client, tokens["access"]).json()
    assert body == {"id": demo_user.pk, "username": "demo", "display_name": "Demo Shopper", "email": "demo@example.com"}


def test_wrong_password_is_a_401_in_the_error_shape(client: Client, demo_user) -> None:
    response = client.post("/api/token/", {"username": "demo", "password": "nope"}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "no_active_account"


def test_missing_fields_are_a_400_with_field_errors(client: Client, demo_user) -> None:
    response = client.post("/api/token/", {"username": "demo"}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"password"}


def test_refresh_rotates(client: Client, demo_user) -> None:
    first = pair(client)
    response = refresh(client, first["refresh"])
    assert response.status_code == 200
    second = response.json()
    assert set(second) == {"access", "refresh"}
    assert second["refresh"] != first["refresh"]
    assert me(client, second["access"]).status_code == 200
    # The rotated token keeps its login's family.
    claims = jwt.decode(second["refresh"], options={"verify_signature": False})
    assert claims["fam"] == jwt.decode(first["refresh"], options={"verify_signature": False})["fam"]


def test_old_refresh_token_is_refused(client: Client, demo_user) -> None:
    first = pair(client)
    refresh(client, first["refresh"])
    response = refresh(client, first["refresh"])
    assert response.status_code == 401
    assert "already used" in response.json()["error"]["message"]


def test_replaying_a_rotated_token_revokes_the_newer_ones_too(client: Client, demo_user) -> None:
    first = pair(client)
    second = refresh(client, first["refresh"]).json()
    third = refresh(client, second["refresh"]).json()
    assert refresh(client, first["refresh"]).status_code == 401  # the replay (say, by a thief)
    assert refresh(client, third["refresh"]).status_code == 401  # the newest one of that login is dead too
    assert TokenFamily.objects.get().revoked_at is not None


def test_other_logins_are_not_revoked(client: Client, demo_user) -> None:
    stolen = pair(client)
    other_device = pair(client)
    refresh(client, stolen["refresh"])
    refresh(client, stolen["refresh"])
    assert refresh(client, other_device["refresh"]).status_code == 200


@pytest.mark.django_db(transaction=True)  # real commits: each thread's connection sees the token and the others
def test_concurrent_refreshes_of_one_token_yield_exactly_one_success(demo_user) -> None:
    token = pair(Client())["refresh"]

    def attempt() -> tuple[int, str | None]:
        response = refresh(Client(), token)
        return response.status_code, response.json().get("error", {}).get("code")

    # The blacklist row's unique key lets one refresh through; the rest are reuse, refused as any bad token is.
    assert Counter(run_concurrently(20, attempt)) == {(200, None): 1, (401, "token_not_valid"): 19}


def test_revoke_signs_the_login_out(client: Client, demo_user) -> None:
    tokens = pair(client)
    response = client.post("/api/token/blacklist/", {"refresh": tokens["refresh"]}, content_type="application/json")
    assert response.status_code == 204
    assert refresh(client, tokens["refresh"]).status_code == 401


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def forged_alg_none(token: str) -> str:
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(token))}."


def tampered(token: str) -> str:
    header, _, signature = token.split(".")
    return f"{header}.{_b64({**_claims(token), 'user_id': '999'})}.{signature}"


def expired(token: str) -> str:
    access = AccessToken(token)
    access.set_exp(lifetime=-timedelta(seconds=1))
    return str(access)


def wrong_audience(token: str, settings: Settings) -> str:
    return jwt.encode({**_claims(token), "aud": "someone-else"}, api_settings.SIGNING_KEY, algorithm="HS256")


def signed_with_another_key(token: str) -> str:
    return jwt.encode(_claims(token), "not-our-key-at-all-not-our-key-at-all", algorithm="HS256")


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda tokens, settings: forged_alg_none(tokens["access"]), id="alg-none"),
        pytest.param(lambda tokens, settings: tampered(tokens["access"]), id="tampered"),
        pytest.param(lambda tokens, settings: expired(tokens["access"]), id="expired"),
        pytest.param(lambda tokens, settings: wrong_audience(tokens["access"], settings), id="wrong-audience"),
        pytest.param(lambda tokens, settings: signed_with_another_key(tokens["access"]), id="another-key"),
        pytest.param(lambda tokens, settings: tokens["refresh"], id="refresh-used-as-access"),
        pytest.param(lambda tokens, settings: "not-a-jwt", id="garbage"),
    ],
)
def test_bad_access_tokens_are_401(client: Client, demo_user, settings: Settings, forge) -> None:
    response = me(client, forge(pair(client), settings))
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda tokens, settings: forged_alg_none(tokens["refresh"]), id="alg-none"),
        pytest.param(lambda tokens, settings: tampered(tokens["refresh"]), id="tampered"),
        pytest.param(lambda tokens, settings: wrong_audience(tokens["refresh"], settings), id="wrong-audience"),
        pytest.param(lambda tokens, settings: tokens["access"], id="access-used-as-refresh"),
    ],
)
def test_bad_refresh_tokens_are_401(client: Client, demo_user, settings: Settings, forge) -> None:
    tokens = pair(client)
    assert refresh(client, forge(tokens, settings)).status_code == 401
    assert refresh(client, tokens["refresh"]).status_code == 200  # a forgery is not a reuse of the real token


def test_refresh_of_a_deleted_user_is_a_401_not_a_500(client: Client, demo_user) -> None:
    tokens = pair(client)
    demo_user.is_active = False
    demo_user.save()
    assert refresh(client, tokens["refresh"]).status_code == 401


def test_token_endpoints_are_throttled(client: Client, demo_user, monkeypatch: pytest.MonkeyPatch) -> None:
    # DRF reads the rates into the class when it is imported, so the test patches the class.
    monkeypatch.setattr(CredentialRateThrottle, "THROTTLE_RATES", {"auth": "3/minute"})
    body = {"username": "nobody", "password": "wrong"}
    statuses = [client.post("/api/token/", body, content_type="application/json").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert "throttled" in client.post("/api/token/", body, content_type="application/json").json()["error"]["message"]


def test_refreshing_is_throttled_per_token_not_per_address(
    client: Client, demo_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CredentialRateThrottle, "THROTTLE_RATES", {"auth": "3/minute"})
    assert [refresh(client, f"garbage-{n}").status_code for n in range(5)] == [401] * 5  # a script's made-up tokens
    assert refresh(client, pair(client)["refresh"]).status_code == 200  # a shopper behind the same address
    assert [refresh(client, "garbage").status_code for _ in range(4)] == [401, 401, 401, 429]


def test_a_logged_out_logins_access_token_is_refused_at_once(client: Client, demo_user) -> None:
    tokens = pair(client)
    assert me(client, tokens["access"]).status_code == 200  # cached: not revoked
    revoked = client.post("/api/token/blacklist/", {"refresh": tokens["refresh"]}, content_type="application/json")
    assert revoked.status_code == 204
    response = me(client, tokens["access"])
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "This login has been signed out. Please log in again."
    assert me(client, pair(client)["access"]).status_code == 200  # another login of the same account works


def test_after_reuse_detection_the_familys_newest_access_token_is_refused(client: Client, demo_user) -> None:
    first = pair(client)
    newest = refresh(client, first["refresh"]).json()
    assert me(client, newest["access"]).status_code == 200
    assert refresh(client, first["refresh"]).status_code == 401  # replayed: the whole family is revoked
    assert me(client, newest["access"]).status_code == 401


def test_with_a_shared_cache_the_revocation_check_costs_one_indexed_lookup_then_none(
    client: Client, demo_user, settings: Settings, tmp_path, django_assert_num_queries
) -> None:
    # A file cache: shared by every process on the machine, as Redis is by every server.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path}
    }
    access = pair(client)["access"]
    with django_assert_num_queries(2):  # the family (once), the user
        assert me(client, access).status_code == 200
    with django_assert_num_queries(1):  # the user only: the family's answer is remembered
        assert me(client, access).status_code == 200


def test_with_a_cache_of_its_own_a_process_asks_the_database_every_time(
    client: Client, demo_user, django_assert_num_queries
) -> None:
    """Issue 27.4: what another process revoked (here, the database alone) is refused at once."""
    tokens = pair(client)
    with django_assert_num_queries(2):  # the family, the user: every time
        assert me(client, tokens["access"]).status_code == 200
    TokenFamily.objects.update(revoked_at=timezone.now(), revoked_reason="logged out")  # as another process does
    assert me(client, tokens["access"]).status_code == 401
