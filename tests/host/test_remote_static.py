"""A remote's static files reach the browser through the host in every topology: in process, split with the
README's development servers (runserver, DEBUG=1), and split as in production (DEBUG off, whitenoise)."""

import secrets
from collections.abc import Iterator

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from tests.conftest import ServedRemote, mounted_by_url

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("served-static")]

FILES = [
    ("cart", "/remotes/cart/static/cart/cart.css", "text/css"),
    ("cart", "/remotes/cart/static/cart/badge.css", "text/css"),
    ("analytics", "/remotes/analytics/static/analytics/analytics.js", "text/javascript"),
]


@pytest.fixture(scope="module", params=["development", "production"])
def served(request: pytest.FixtureRequest, django_db_setup: None) -> Iterator[dict[str, ServedRemote]]:
    """The cart and analytics remotes on servers of their own, started as the README's development setup or as
    in production."""
    key = secrets.token_urlsafe(64)  # the shop's, shared by its servers in production
    development = request.param == "development"
    servers = {name: ServedRemote(f"apps.{name}", development=development, secret_key=key) for name in FILES_OF}
    for server in servers.values():
        server.start()
    yield servers
    for server in servers.values():
        server.stop()


FILES_OF = sorted({name for name, _, _ in FILES})


@pytest.mark.django_db
@pytest.mark.parametrize(("remote", "path", "content_type"), FILES, ids=[path for _, path, _ in FILES])
def test_a_remotes_static_file_comes_through_the_host(
    served: dict[str, ServedRemote], client: Client, remote: str, path: str, content_type: str
) -> None:
    with mounted_by_url(served):
        response = client.get(path)
    assert response.status_code == 200, (response.headers, response.content.decode()[-600:])
    assert response["Content-Type"].startswith(content_type)
    assert "max-age" in response["Cache-Control"]
    assert response.content  # the file itself
    # A public file, fetched by the host for nobody: it starts no session for the visitor who asked.
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_only_files_of_a_safe_kind_come_through_and_nothing_but_get(
    served: dict[str, ServedRemote], client: Client
) -> None:
    with mounted_by_url(served):
        missing = client.get("/remotes/cart/static/cart/no-such.css")
        posted = client.post("/remotes/cart/static/cart/cart.css")
    assert missing.status_code == 404
    assert posted.status_code == 405
