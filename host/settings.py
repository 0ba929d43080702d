"""Settings of the host: the shared base settings plus the remotes it mounts."""

from federation.base_settings import *  # noqa: F403
from federation.base_settings import BASE_APPS, env_bool

# The remotes this host mounts, by name: Module Federation's `remotes`. The host never imports them;
# Django loads each as an installed app from its dotted name, and the host reads its RemoteConfig.
FEDERATION = {
    "REMOTES": {
        "products": {"APP": "apps.products", "URL_PREFIX": "remotes/products/"},
        "cart": {"APP": "apps.cart", "URL_PREFIX": "remotes/cart/"},
        "payment": {"APP": "apps.payment", "URL_PREFIX": "remotes/payment/"},
        "analytics": {"APP": "apps.analytics", "URL_PREFIX": "remotes/analytics/"},
    },
}

INSTALLED_APPS = [
    *BASE_APPS,
    "api",
    "host",
    *(remote["APP"] for remote in FEDERATION["REMOTES"].values()),
    # The shop before the split (the tutorial's chapter 1), served at /monolith/ when MONOLITH["ENABLED"].
    "monolith",
]
ROOT_URLCONF = "host.urls"
WSGI_APPLICATION = "host.wsgi.application"
# The pattern inspector (host/inspector.py): on with DEBUG unless INSPECTOR_ENABLED says otherwise.
INSPECTOR = {"ENABLED": env_bool("INSPECTOR_ENABLED", DEBUG)}  # noqa: F405
# The monolith, side by side with the federated shop for the tutorial and for comparison: on with DEBUG.
MONOLITH = {"ENABLED": env_bool("MONOLITH_ENABLED", DEBUG)}  # noqa: F405

MIDDLEWARE = [
    *MIDDLEWARE,  # noqa: F405
    "host.middleware.HostPropsMiddleware",
    "host.middleware.HtmxCompositionMiddleware",
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("host.context_processors.layout")  # noqa: F405
