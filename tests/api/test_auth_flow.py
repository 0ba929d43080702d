"""The shared client's auth flow (api/client/auth.py), against the real in-process API: no mock of httpx."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from pytest_django.fixtures import Settings
from rest_framework_simplejwt.tokens import AccessToken

from api.client import ApiBadRequest, SessionExpired, api_called, api_client
from shared_store import dispatch, get_store, select
from shared_store.slices import cart, user
from shared_store.store import SESSION_KEY as STORE_SESSION_KEY
from tests.helpers import run_concurrently

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture
def flow_urls(settings: Settings) -> None:
    settings.ROOT_URLCONF = "tests.api.flow_urls"
    settings.API_CLIENT = {**settings.API_CLIENT, "IN_PROCESS_URLCONF": "tests.api.flow_urls"}


def expire(access: str) -> str:
    token = AccessToken(access)
    token.set_exp(lifetime=-timedelta(seconds=1))
    return str(token)


@pytest.fixture
def session_key(demo_user) -> str:
    """A logged-in visitor with an expired access token, a valid refresh token and one line in their bag."""
    pair = (
        Client()
        .post("/api/token/", {"username": "demo", "password": "mfe-demo-pass"}, content_type="application/json")
        .json()
    )
    request = visitor(None, demo_user)
    dispatch(
        request,
        user.SetUser(
            id=demo_user.pk,
            username="demo",
            display_name="Demo",
            access_token=expire(pair["access"]),
            refresh_token=pair["refresh"],
        ),
    )
    dispatch(request, cart.AddItem(product_id=1, quantity=2, unit_price=Decimal("1.00"), currency="EUR", available=9))
    request.session[SESSION_KEY] = str(demo_user.pk)
    request.session.save()
    return request.session.session_key


def visitor(session_key: str | None, account=None):
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key)
    if account is not None:
        request.user = account
    return request


def test_ten_parallel_calls_with_an_expired_token_share_one_refresh(session_key: str, demo_user, api_calls) -> None:
    # Every call meets its 401 before any of them refreshes: otherwise a late thread would read the already
    # refreshed token from the store and need no retry at all (correct, but not what this test is about).
    all_expired = threading.Barrier(10, timeout=10)

    def hold_until_all_got_401(*, kind: str, status_code: int, **kwargs: object) -> None:
        if kind == "call" and status_code == 401:
            all_expired.wait()

    api_called.connect(hold_until_all_got_401)
    try:
        results = run_concurrently(10, lambda: api_client(visitor(session_key, demo_user)).get("/api/me/")["username"])
    finally:
        api_called.disconnect(hold_until_all_got_401)
    assert results == ["demo"] * 10
    assert api_calls.count("refresh") == 1
    assert api_calls.count("retry") == 10
    tokens = select(visitor(session_key), user.select_tokens)
    assert AccessToken(tokens["access"])  # the stored access token is the fresh, valid one


def test_a_second_401_ends_the_login_without_a_second_refresh_and_the_account_keeps_the_bag(
    session_key: str, demo_user, api_calls, flow_urls: None
) -> None:
    request = visitor(session_key, demo_user)
    with pytest.raises(SessionExpired, match="log in again"):
        api_client(request).get("/api/test/always-401/")
    assert api_calls == ["call", "refresh", "retry"]
    assert select(request, user.select_is_logged_in) is False
    assert SESSION_KEY not in request.session  # logged out of the site too
    # This browser starts over (a shared device hands nothing on); the account keeps its bag for its next login.
    assert STORE_SESSION_KEY not in request.session
    assert select(request, cart.select_count) == 0
    assert select(visitor(None, demo_user), cart.select_count) == 2


def test_403_never_triggers_a_refresh(session_key: str, demo_user, api_calls, flow_urls: None) -> None:
    request = visitor(session_key, demo_user)
    get_store(request).dispatch(
        user.TokensRefreshed(  # a valid access token this time
            access_token=str(AccessToken.for_user(demo_user)),
            refresh_token=select(request, user.select_tokens)["refresh"],
        )
    )
    with pytest.raises(ApiBadRequest) as caught:
        api_client(request).get("/api/test/forbidden/")
    assert caught.value.status_code == 403
    assert api_calls == ["call"]
    assert select(request, user.select_is_logged_in) is True


def test_a_failed_refresh_ends_the_login_and_never_loops(session_key: str, demo_user, api_calls) -> None:
    request = visitor(session_key, demo_user)
    refresh = select(request, user.select_tokens)["refresh"]
    revoked = Client().post("/api/token/blacklist/", {"refresh": refresh}, content_type="application/json")
    assert revoked.status_code == 204
    api_calls.clear()
    with pytest.raises(SessionExpired):
        api_client(request).get("/api/me/")
    assert api_calls == ["call", "refresh"]  # the refresh's own 401 did not start another refresh
    assert select(request, cart.select_count) == 0
    assert select(visitor(None, demo_user), cart.select_count) == 2  # the account's bag


def test_public_reads_send_no_token(session_key: str, demo_user, api_calls) -> None:
    data = api_client(visitor(session_key, demo_user)).get("/api/products/", authenticated=False)
    assert data["count"] == 0
    assert api_calls == ["call"]  # the expired token was not sent, so there was nothing to refresh


def test_anonymous_visitors_get_the_apis_answer(db: None, api_calls) -> None:
    with pytest.raises(ApiBadRequest) as caught:
        api_client(visitor(None)).get("/api/me/")
    assert caught.value.status_code == 401
    assert api_calls == ["call"]
