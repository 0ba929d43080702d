"""Settings shared by the host and every remote's server (standalone or served), read from the environment."""

import os
import warnings
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils import log as django_log
from django.utils.csp import CSP

from config.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

# A fixed key is fine for a local demo; it is never used with DEBUG off. It is public (it is in this file), so
# anything signed with it proves nothing.
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-key-for-django-mfe-only"
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOOPBACK_HOSTS)

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Writers take the write lock when their transaction begins, so concurrent store dispatches queue
            # up instead of failing with "database is locked" halfway through.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # WAL lets pages keep reading while a dispatch writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
    # A file, not SQLite's shared in-memory database: threaded tests need real locking between connections.
    DATABASES["default"].setdefault("TEST", {"NAME": str(BASE_DIR / ".test-db.sqlite3")})


def postgres_pool(database: dj_database_url.DBConfig, max_size: int) -> None:
    """Give a PostgreSQL database a pool of at most `max_size` connections per process (Django's, on
    psycopg_pool): a process then holds that many however many threads its server runs, where gthread workers
    would otherwise keep a connection each. The budget (docs/deployment.md) is servers × gunicorn workers ×
    max_size, well under PostgreSQL's max_connections. 0, or another database, leaves it as it is."""
    if database["ENGINE"] == "django.db.backends.postgresql" and max_size > 0:
        database.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": max_size, "timeout": 10}
        database["CONN_MAX_AGE"] = 0  # the pool keeps the connections, not each thread


# Off in development unless asked for; the production settings (host/production.py, and a remote's server with
# DEBUG off) turn it on with 4 connections per process unless DATABASE_POOL_MAX says otherwise.
postgres_pool(DATABASES["default"], env_int("DATABASE_POOL_MAX", 0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

BASE_APPS = [
    # Before staticfiles: runserver serves static files through the middleware below, as production does,
    # rather than with its own handler (which answered a path such as /static/../x with a 500).
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "federation",
    "shared_store",
]
INSTALLED_APPS = BASE_APPS

MIDDLEWARE = [
    # What host and remotes pass each other through a request: `federation.context.request_context(request)`.
    "federation.context.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files: found by the finders and re-read when edited in development (DEBUG), the collected ones
    # (`collectstatic`) in production. A path that climbs out of them is not found: the site's own 404.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.VaryOnHtmxMiddleware",
    # Last: turns a login refused for too many failures into the lockout page (AXES_LOCKOUT_CALLABLE below).
    "axes.middleware.AxesMiddleware",
]

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "federation.context_processors.csrf",  # one masked token per request, not per template
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Proxies in front of this server that append the visitor's address to X-Forwarded-For: one behind the
# documented TLS proxy (BEHIND_TLS_PROXY=1), else none, and the header is not believed (config/addresses.py).
TRUSTED_PROXIES = 1 if env_bool("BEHIND_TLS_PROXY", False) else 0

# Guessing passwords (django-axes): after LOGIN_FAILURE_LIMIT failures for one account from one address, that
# account cannot log in from that address for LOGIN_COOLOFF_MINUTES (any more failures restart the wait). Both
# the login page and the API's /api/token/ count, since both go through Django's authenticate().
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 10))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "federation.standalone.locked_out"
AXES_USERNAME_CALLABLE = "config.lockout.attempted_username"
AXES_DISABLE_ACCESS_LOG = True  # failures are what it needs; a row per successful login is not

# Content Security Policy, enforced in every mode so development and the browser tests run under it too.
# Scripts come from this origin or carry the request's nonce; there are no inline styles or handlers at all
# (htmx is configured not to inject its indicator styles nor to eval, see host/base.html).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# htmx sends the CSRF token from the page (hx-headers on <body>), so no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True

# Sessions in the database, saved key by key so that overlapping requests keep each other's writes
# (config/sessions). Optional Redis: the cache, and sessions cached in front of the database (they survive
# a Redis restart).
SESSION_ENGINE = "config.sessions.db"
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "config.sessions.cached_db"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{levelname} {name} {message}", "style": "{"},
        "django.server": django_log.DEFAULT_LOGGING["formatters"]["django.server"],
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "django.server": django_log.DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Each record is printed once, by the root's console handler. Django gives its "django" logger a console
        # handler of its own (with DEBUG on), so its records were printed twice, once without level and name:
        # configuring the logger here takes that handler off (and mail_admins, unused: there are no ADMINS).
        "django": {"handlers": [], "level": "INFO"},
        # Configuring "django" resets the loggers under it: runserver's request lines as Django prints them.
        "django.server": django_log.DEFAULT_LOGGING["loggers"]["django.server"],
        # The error boundaries' reports name the failing remote: keep them at ERROR whatever LOG_LEVEL says.
        "host.boundaries": {"level": "ERROR"},
    },
}

STATIC_URL = "static/"
STATIC_ROOT: str | Path | None = env_str("STATIC_ROOT", "") or BASE_DIR / "staticfiles"
# Until `collectstatic` has filled it, whitenoise warns at every start that STATIC_ROOT is missing; in
# development the finders serve every file, so the warning says nothing a learner must act on.
warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"

REST_FRAMEWORK = {
    # The API is called with bearer tokens only: the browser never calls it with the session cookie.
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.FamilyJWTAuthentication"],
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.ScopedRateThrottle"],
    # "auth": the token endpoints, per address and credential (a username, a refresh token), never per address
    # alone (api/throttles.py says why); "auth-account": logins to one account, from anywhere.
    "DEFAULT_THROTTLE_RATES": {
        "auth": env_str("API_AUTH_RATE", "30/minute"),
        "auth-account": env_str("API_AUTH_ACCOUNT_RATE", "10/minute"),
    },
    # X-Forwarded-For is believed only from trusted proxies (config/addresses.py: the same rule). The
    # in-process client passes the visitor's address through the transport, not through a header.
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberWithSize",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "django-mfe shop API",
    "DESCRIPTION": "The backend every micro-frontend talks to through the shared API client.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Tokens (simplejwt). Every lifetime lives here. The demo's access token is short on purpose, so a refresh
# is easy to watch; JWT_ACCESS_SECONDS changes it.
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=env_int("JWT_ACCESS_SECONDS", 60)),
    "REFRESH_TOKEN_LIFETIME": timedelta(hours=env_int("JWT_REFRESH_HOURS", 12)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "ALGORITHM": "HS256",  # pinned: a token signed any other way (or "none") is refused
    # simplejwt signs with SECRET_KEY unless JWT_SIGNING_KEY gives a key of its own.
    **({"SIGNING_KEY": env_str("JWT_SIGNING_KEY", "")} if env_str("JWT_SIGNING_KEY", "") else {}),
    "AUDIENCE": "django-mfe-shop",
    "ISSUER": "django-mfe-api",
    "LEEWAY": 0,
    "UPDATE_LAST_LOGIN": False,
}

# The shared store (shared_store/conf.py lists every key and its default).
# SHARED_STORE_BACKEND=shared_store.backends.redis.RedisBackend keeps the stores in Redis (at REDIS_URL).
SHARED_STORE = {"BACKEND": env_str("SHARED_STORE_BACKEND", "shared_store.backends.db.DatabaseBackend")}

# The shared API client (api/client/client.py). BASE_URL None means in-process: no network, no second server.
API_CLIENT = {
    "BASE_URL": env_str("API_BASE_URL", "") or None,
    "TIMEOUT": env_float("API_TIMEOUT", 5),
}

# The shared client's cache of public reads (api/client/cache.py lists every key and its default). Unless
# API_CACHE_ENABLED says yes or no, it is on exactly when the cache is shared by every process (REDIS_URL).
# Set but empty is a no, as for every yes/no variable (config/env.py).
API_CACHE = {"ENABLED": env_bool("API_CACHE_ENABLED", False)} if "API_CACHE_ENABLED" in os.environ else {}
