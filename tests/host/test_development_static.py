"""The development server's static files (whitenoise, in the middleware chain): found, or the site's 404."""

import sys

import httpx
import pytest

from tests.servers import free_port, running, server_environment

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

CLIMBING = [
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/host/..%2f..%2f..%2fsettings.py",
    "/static/host/../../host/settings.py",
]


def test_runserver_answers_404_for_a_path_that_climbs_out_and_serves_the_rest() -> None:
    """Issue 27.5: Django's own static handler answered these with a 500."""
    port = free_port()
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    env = server_environment(DEBUG="1")
    with running(command, port=port, env=env, ready_path="/static/host/host.css") as url, httpx.Client() as browser:
        for path in CLIMBING:
            answer = browser.get(url + path)
            assert answer.status_code == 404, (path, answer.status_code)
            assert "SECRET_KEY" not in answer.text
        stylesheet = browser.get(url + "/static/host/host.css")
        assert stylesheet.status_code == 200
        assert stylesheet.headers["Content-Type"].startswith("text/css")
