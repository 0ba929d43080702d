"""Tests of the shared API client (api/client/client.py) and its in-process transport (api/client/transport.py)."""

import socket
import threading
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import get_urlconf, set_urlconf
from pytest_django.fixtures import Settings

from api.client import ApiBadRequest, ApiClient, ApiNotFound, ApiServerError, ApiUnavailable, api_client
from api.models import Product

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_in_process_call_keeps_http_semantics(settings: Settings) -> None:
    settings.API_CLIENT = {**settings.API_CLIENT, "IN_PROCESS_URLCONF": "tests.api.failing_urls"}
    body = ApiClient().get("/api/echo/")
    assert body == {"method": "GET", "host": "api.in-process", "accept": "application/json"}


def test_in_process_call_reads_the_catalog(catalog: int) -> None:
    data = ApiClient().get("/api/products/", params={"page": 1})
    assert data["count"] == 24


def test_in_process_call_leaves_the_outer_database_connection_open(catalog: int) -> None:
    ApiClient().get("/api/products/")
    assert connection.connection is not None
    assert Product.objects.count() == 24


def test_404_is_api_not_found(catalog: int) -> None:
    with pytest.raises(ApiNotFound) as caught:
        ApiClient().get("/api/products/999999/")
    assert caught.value.status_code == 404
    assert "No Product" in caught.value.message


def test_400_is_api_bad_request_with_field_errors(catalog: int) -> None:
    with pytest.raises(ApiBadRequest) as caught:
        ApiClient().get("/api/products/", params={"ids": "x"})
    assert caught.value.status_code == 400
    assert "ids" in caught.value.payload["fields"]


def test_other_4xx_is_api_bad_request(settings: Settings) -> None:
    settings.API_CLIENT = {**settings.API_CLIENT, "IN_PROCESS_URLCONF": "tests.api.failing_urls"}
    with pytest.raises(ApiBadRequest) as caught:
        ApiClient().get("/api/teapot/")
    assert caught.value.status_code == 418
    assert caught.value.message == "I am a teapot"


def test_5xx_is_api_server_error(settings: Settings) -> None:
    settings.API_CLIENT = {**settings.API_CLIENT, "IN_PROCESS_URLCONF": "tests.api.failing_urls"}
    with pytest.raises(ApiServerError) as caught:
        ApiClient().get("/api/boom/")
    assert caught.value.status_code == 500


def test_connection_refused_is_api_unavailable(settings: Settings) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.API_CLIENT = {"BASE_URL": f"http://127.0.0.1:{port}", "TIMEOUT": 1}
    with pytest.raises(ApiUnavailable):
        ApiClient().get("/api/products/")


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback server that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def test_timeout_is_api_unavailable(settings: Settings, silent_server: int) -> None:
    settings.API_CLIENT = {"BASE_URL": f"http://127.0.0.1:{silent_server}", "TIMEOUT": 0.3}
    with pytest.raises(ApiUnavailable, match="in time"):
        ApiClient().get("/api/products/")


def test_one_client_per_request(rf: RequestFactory) -> None:
    request = rf.get("/")
    assert api_client(request) is api_client(request)
    assert api_client(request) is not api_client(rf.get("/"))


def test_in_process_calls_reach_the_api_only_and_leave_the_outer_urlconf(catalog: int) -> None:
    """A nested call resolves against the API's routes, without the site's middleware, and answers in JSON."""
    set_urlconf("host.urls")
    with pytest.raises(ApiNotFound) as caught:
        ApiClient().get("/bag/")  # a host page: not the API's to serve
    assert caught.value.message == "There is nothing at this address of the API."
    assert get_urlconf() == "host.urls"
    set_urlconf(None)
