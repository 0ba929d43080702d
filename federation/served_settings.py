"""Serve one remote on its own server for a host across the network.

    DJANGO_SETTINGS_MODULE=federation.served_settings SECRET_KEY=… REMOTE_APP=apps.cart gunicorn host.wsgi

Share the host's SECRET_KEY (it opens the host's sealed context and signs its answers with keys derived from it),
DATABASE_URL (the store, the sessions, the handoff) and REDIS_URL if the host uses one. The remote's routes sit
under the same prefix the host proxies (REMOTE_URL_PREFIX, default "remotes/<label>/"), so the URLs it renders
work through the host.

Such a server answers for a host, not for a developer: DEBUG is off unless asked for, and it refuses to start
without a real SECRET_KEY (with the public development key, anyone could sign a context and read any visitor's
bag). The one exception is development on this machine, asked for explicitly: DEBUG=1 with ALLOWED_HOSTS on
loopback only (the default), as the README's two-terminal example does.
"""

from django.core.exceptions import ImproperlyConfigured

from config.base_settings import *  # noqa: F403
from config.base_settings import (
    ALLOWED_HOSTS,
    BASE_APPS,
    DATABASES,
    DEVELOPMENT_SECRET_KEY,
    LOOPBACK_HOSTS,
    MIDDLEWARE,
    postgres_pool,
)
from config.env import env_bool, env_int, env_str
from federation.remote import default_url_prefix

DEBUG = env_bool("DEBUG", False)
DEVELOPMENT_ON_LOOPBACK = DEBUG and set(ALLOWED_HOSTS) <= set(LOOPBACK_HOSTS)
if DEBUG and not DEVELOPMENT_ON_LOOPBACK:
    raise ImproperlyConfigured(
        "A remote server shows debug pages only in development on this machine: with DEBUG=1, keep ALLOWED_HOSTS "
        f"to {', '.join(LOOPBACK_HOSTS)}."
    )
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    if not DEVELOPMENT_ON_LOOPBACK:
        raise ImproperlyConfigured(
            "Set SECRET_KEY to the host's own key: a remote server trusts what is signed with it. (For development "
            "on this machine only, DEBUG=1 lets it use the public development key.)"
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

if not DEBUG:  # in production, as the host's: a pool of DATABASE_POOL_MAX PostgreSQL connections per process
    postgres_pool(DATABASES["default"], env_int("DATABASE_POOL_MAX", 4))

REMOTE_APP = env_str("REMOTE_APP", "")
if not REMOTE_APP:
    raise ImproperlyConfigured("Set REMOTE_APP to the dotted name of the remote to serve, e.g. apps.cart.")
REMOTE_URL_PREFIX = env_str("REMOTE_URL_PREFIX", default_url_prefix(REMOTE_APP.rpartition(".")[2]))

# BASE_APPS begins with whitenoise.runserver_nostatic: runserver (DEBUG=1, in development) would otherwise serve
# the remote's static files itself, before any middleware, so WireMiddleware could not sign them and the host
# would refuse every stylesheet. whitenoise serves them inside the middleware chain, as in production.
INSTALLED_APPS = [*BASE_APPS, "api", REMOTE_APP]
ROOT_URLCONF = "federation.served_urls"
# A served remote has no login page of its own: its pages are the host's, proxied, so a visitor who must log in
# is sent to the host's (a URL name would not resolve here, and Django's login_required would fail with a 500).
LOGIN_URL = "/login/"
# Under the proxied prefix too: the host links the remote's stylesheets, and the browser fetches them via it.
STATIC_URL = f"/{REMOTE_URL_PREFIX}static/"

_session = MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
MIDDLEWARE = [
    # First: a forwarded request is checked before anything reads it, and its whole answer is signed (its
    # static files too: whitenoise serves them from the app server itself, found in the app).
    "federation.over_http.served.WireMiddleware",
    *MIDDLEWARE[: _session + 1],
    "federation.over_http.served.ForwardedContextMiddleware",
    *MIDDLEWARE[_session + 1 :],
]
WHITENOISE_USE_FINDERS = True  # no collectstatic for a remote
# Found by the finders unless collected (STATIC_ROOT set, after `collectstatic`).
STATIC_ROOT = env_str("STATIC_ROOT", "") or None
