"""Production settings: the host's settings with DEBUG off, a required SECRET_KEY and HTTPS hardening.

`DJANGO_SETTINGS_MODULE=host.production`; `manage.py check --deploy` reports nothing with them.
"""

from django.core.exceptions import ImproperlyConfigured

from config.base_settings import postgres_pool
from config.env import env_bool, env_int, env_list, env_str
from host.settings import *  # noqa: F403
from host.settings import MIDDLEWARE

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (50+ characters), e.g. "
        '`python -c "import secrets; print(secrets.token_urlsafe(64))"`.'
    )

# The development-only tools are off unless asked for.
INSPECTOR = {"ENABLED": env_bool("INSPECTOR_ENABLED", False)}
MONOLITH = {"ENABLED": env_bool("MONOLITH_ENABLED", False)}

# gunicorn serves the static files too (whitenoise, collected by `collectstatic`, compressed, with hashed names),
# and compresses the pages: HTML is most of the bytes a visit costs. Why that is safe from BREACH: docs/production.md.
_whitenoise = MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware")
MIDDLEWARE = [
    *MIDDLEWARE[: _whitenoise + 1],
    "django.middleware.gzip.GZipMiddleware",
    *MIDDLEWARE[_whitenoise + 1 :],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Keep database connections between requests (gunicorn workers are long-lived): PostgreSQL's in a pool of
# DATABASE_POOL_MAX per process (config/base_settings.py), any other database's per thread.
postgres_pool(DATABASES["default"], env_int("DATABASE_POOL_MAX", 4))  # noqa: F405
if "pool" not in DATABASES["default"].get("OPTIONS", {}):  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)  # noqa: F405
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# HTTPS. HTTPS=false is for a loopback benchmark only (bench/load.py): cookies then travel over plain HTTP.
HTTPS = env_bool("HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_TLS_PROXY", False):
    # Only behind a proxy that sets this header itself and strips it from clients' requests.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
