"""The shop's logging (LOGGING in config/base_settings.py): every record printed once, as LEVEL logger message.

The settings run in a subprocess, as `manage.py demo` and gunicorn run them: Django installs its own logging
first and the project's on top, and the two must not both print a record.
"""

import re

import pytest

from tests.servers import PRODUCTION_KEY, manage, server_environment

pytestmark = pytest.mark.server

# What the shop logs: a refused API call as Django reports it, a remote's failure, Django's own INFO line, and
# runserver's line for a request, which keeps Django's format.
SCRIPT = """
import logging
logging.getLogger("django.request").warning("Unauthorized: %s", "/api/me/")
logging.getLogger("host.boundaries").error("Remote 'cart' failed")
logging.getLogger("django.utils.autoreload").info("Watching for file changes")
logging.getLogger("django.server").info('"GET / HTTP/1.1" 200 5')
"""


@pytest.mark.parametrize("debug", ["1", "0"])
def test_each_record_is_printed_once_with_its_level_and_logger(debug: str) -> None:
    result = manage(
        "shell", "--no-imports", "-c", SCRIPT, env=server_environment(DEBUG=debug, SECRET_KEY=PRODUCTION_KEY)
    )
    assert result.returncode == 0, result.stderr
    *lines, request = result.stderr.splitlines()
    assert lines == [
        "WARNING django.request Unauthorized: /api/me/",
        "ERROR host.boundaries Remote 'cart' failed",
        "INFO django.utils.autoreload Watching for file changes",
    ]
    assert re.fullmatch(r'\[[^]]+\] "GET / HTTP/1.1" 200 5', request), request
