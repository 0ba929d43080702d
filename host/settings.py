"""Settings of the host: the shared base settings plus the remotes it mounts."""

from config.base_settings import *  # noqa: F403
from config.base_settings import BASE_APPS
from config.env import env_bool, env_float, env_int, env_str
from federation.remote import default_url_prefix
from host.registry import REMOTE_DEFAULTS, RemoteSettings


def remote(name: str) -> RemoteSettings:
    """One remote: in-process, or served by its own server when REMOTE_<NAME>_URL gives that server's URL. The
    other REMOTE_* variables change a default of every remote on its own server (host/registry.py says each)."""
    breaker = REMOTE_DEFAULTS["BREAKER"]
    return {
        "APP": f"apps.{name}",
        "URL_PREFIX": default_url_prefix(name),
        "URL": env_str(f"REMOTE_{name.upper()}_URL", "") or None,
        "TIMEOUT": env_float("REMOTE_TIMEOUT", REMOTE_DEFAULTS["TIMEOUT"]),
        "KEEP_ALIVE": env_bool("REMOTE_KEEP_ALIVE", REMOTE_DEFAULTS["KEEP_ALIVE"]),
        "MAX_BYTES": env_int("REMOTE_MAX_BYTES", REMOTE_DEFAULTS["MAX_BYTES"]),
        "BREAKER": {
            "FAILURES": env_int("REMOTE_BREAKER_FAILURES", breaker["FAILURES"]),
            "COOLING_SECONDS": env_float("REMOTE_BREAKER_COOLING_SECONDS", breaker["COOLING_SECONDS"]),
        },
    }


# The remotes this host mounts, by name: Module Federation's `remotes`. The host never imports them:
# in-process, Django loads each as an installed app from its dotted name and the host reads its RemoteConfig;
# with a URL, the host reads the remote's manifest from its server and talks to it over HTTP.
# One line per remote: `manage.py startremote NAME` adds the new remote's line here.
MOUNTED_REMOTES = [
    "products",
    "cart",
    "payment",
    "analytics",
]
FEDERATION = {"REMOTES": {name: remote(name) for name in MOUNTED_REMOTES}}

INSTALLED_APPS = [
    *BASE_APPS,
    "api",
    "host",
    *(remote["APP"] for remote in FEDERATION["REMOTES"].values() if not remote["URL"]),
    # The shop before the split (the tutorial's chapter 1), served at /monolith/ when MONOLITH["ENABLED"].
    "monolith",
]
ROOT_URLCONF = "host.urls"
# A login refused by django-axes shows the shop's login page with the reason (host/accounts.py).
AXES_LOCKOUT_CALLABLE = "host.accounts.locked_out"
WSGI_APPLICATION = "host.wsgi.application"
# The pattern inspector (host/inspector.py): on with DEBUG unless INSPECTOR_ENABLED says otherwise.
INSPECTOR = {"ENABLED": env_bool("INSPECTOR_ENABLED", DEBUG)}  # noqa: F405
# The monolith, side by side with the federated shop for the tutorial and for comparison: on with DEBUG. Its
# catalog reads are cached only with "CACHE": True (monolith/caching.py), as the benchmark's cached row sets it.
MONOLITH = {"ENABLED": env_bool("MONOLITH_ENABLED", DEBUG)}  # noqa: F405

# The host's own middleware. Answers pass them bottom-up: the error boundary turns a failed htmx action into its
# fallback first; then the answer is composed, its parts in the order host/answer.py lists them.
MIDDLEWARE = [
    *MIDDLEWARE,  # noqa: F405
    "host.answer.AnswerMiddleware",
    "host.props.HostPropsMiddleware",
    "host.boundaries.ErrorBoundaryMiddleware",
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("host.context_processors.layout")  # noqa: F405
