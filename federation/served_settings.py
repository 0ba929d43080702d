"""Serve one remote on its own server for a host across the network.

    REMOTE_APP=apps.cart manage.py runserver 8002 --settings=federation.served_settings

Share the host's SECRET_KEY (it verifies the host's signed context with it), DATABASE_URL (the store, the
sessions, the handoff) and REDIS_URL if the host uses one. The remote's routes sit under the same prefix the
host proxies (REMOTE_URL_PREFIX, default "remotes/<label>/"), so the URLs it renders work through the host.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from federation.base_settings import *  # noqa: F403
from federation.base_settings import BASE_APPS, MIDDLEWARE

REMOTE_APP = os.environ.get("REMOTE_APP", "")
if not REMOTE_APP:
    raise ImproperlyConfigured("Set REMOTE_APP to the dotted name of the remote to serve, e.g. apps.cart.")
REMOTE_URL_PREFIX = os.environ.get("REMOTE_URL_PREFIX", f"remotes/{REMOTE_APP.rpartition('.')[2]}/")

INSTALLED_APPS = [*BASE_APPS, "api", REMOTE_APP]
ROOT_URLCONF = "federation.served_urls"
# Under the proxied prefix too: the host links the remote's stylesheets, and the browser fetches them via it.
STATIC_URL = f"/{REMOTE_URL_PREFIX}static/"

_session = MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware
    # Its static files, from the app server itself, found in the app (no collectstatic for a remote).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1 : _session + 1],
    "federation.served.ForwardedContextMiddleware",
    *MIDDLEWARE[_session + 1 :],
]
WHITENOISE_USE_FINDERS = True
# Found by the finders unless collected (STATIC_ROOT set, after `collectstatic`).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
