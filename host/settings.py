"""Settings of the host: the shared base settings plus the remotes it mounts."""

import os
from typing import TypedDict

from federation.base_settings import *  # noqa: F403
from federation.base_settings import BASE_APPS, env_bool


class BreakerSettings(TypedDict):
    """A remote's circuit breaker (host/breaker.py)."""

    FAILURES: int
    COOLING_SECONDS: float


class RemoteSettings(TypedDict):
    """One entry of FEDERATION["REMOTES"]."""

    APP: str
    URL_PREFIX: str
    URL: str | None
    TIMEOUT: float
    KEEP_ALIVE: bool
    MAX_BYTES: int
    BREAKER: BreakerSettings


def remote(name: str) -> RemoteSettings:
    """One remote: in-process, or served by its own server when REMOTE_<NAME>_URL gives that server's URL."""
    return {
        "APP": f"apps.{name}",
        "URL_PREFIX": f"remotes/{name}/",
        "URL": os.environ.get(f"REMOTE_{name.upper()}_URL") or None,
        # Seconds a page may spend on all the fragments it asks of that remote's server, together.
        "TIMEOUT": float(os.environ.get("REMOTE_TIMEOUT", "2")),
        # Reuse connections to its server: for servers that keep them alive and answer at once (gunicorn's gthread
        # workers, uvicorn). Off by default: runserver does not set TCP_NODELAY, and a reused connection stalls 40 ms.
        "KEEP_ALIVE": os.environ.get("REMOTE_KEEP_ALIVE", "").lower() in {"1", "true", "yes"},
        # The largest answer taken from its server, in bytes (2 MiB): a larger one is refused while it arrives.
        "MAX_BYTES": int(os.environ.get("REMOTE_MAX_BYTES", str(2 * 1024 * 1024))),
        # Its circuit breaker (host/over_http/breaker.py): open after FAILURES failures in a row; a probe after
        # COOLING_SECONDS.
        "BREAKER": {
            "FAILURES": int(os.environ.get("REMOTE_BREAKER_FAILURES", "3")),
            "COOLING_SECONDS": float(os.environ.get("REMOTE_BREAKER_COOLING_SECONDS", "10")),
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

# The host's share of each pattern, one middleware per job. Answers pass them bottom-up: the error boundary
# turns a failed htmx action into its fallback first, and the inspector, outermost, sees what the others did.
MIDDLEWARE = [
    *MIDDLEWARE,  # noqa: F405
    "host.inspector.InspectorMiddleware",
    "host.events.EventsMiddleware",
    "host.toasts.ToastsMiddleware",
    "host.subscribers.SubscribersMiddleware",
    "host.props.HostPropsMiddleware",
    "host.boundaries.ErrorBoundaryMiddleware",
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("host.context_processors.layout")  # noqa: F405
