"""Re-rendering subscribers: an htmx answer carries, out of band, every component on the page that the request
changed, so one user action costs one round trip however many fragments it touches.

A remote component subscribes to store slices (`@subscribe("cart")`, shared_store/subscriptions.py); host.js
tells the host which components the page shows (the X-Mounted-Components header); after the view has run, this
module re-renders each one whose slices the request changed, plus the host's own components a callback prop
marked dirty, and appends them as `hx-swap-oob` swaps. A remote over HTTP reports its changed slices in its
answer (federation/over_http/wire.py), which the host replays into the store before this runs.
"""

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from federation.components import mount_id
from federation.htmx import HtmxHttpRequest
from host.mount import component, mount_html
from host.props import offered
from host.state import host_state
from shared_store import get_store

MOUNTED_HEADER = "X-Mounted-Components"
MAX_MOUNTED = 20


def mounted_on_page(request: HttpRequest) -> list[str]:
    """The components the page says it shows (host.js sends them). Only a hint: names are looked up, never run."""
    return list(dict.fromkeys(request.headers.get(MOUNTED_HEADER, "").split()[:MAX_MOUNTED]))


def stale(request: HtmxHttpRequest) -> list[str]:
    """The components on the page this request changed, except the one htmx swaps the answer into."""
    changed = get_store(request).changed
    dirty = host_state(request).dirty
    if not (changed or dirty):
        return []
    names = []
    for name in mounted_on_page(request):
        if mount_id(name) == request.htmx.target:
            continue
        if name in dirty:
            names.append(name)
            continue
        try:
            loaded = component(name)
        except ImproperlyConfigured:
            continue  # not a component this host mounts: the header is only a hint from the page
        if loaded.subscribes & changed:
            names.append(name)
    return names


def updates(request: HtmxHttpRequest) -> str:
    """Out-of-band re-renders of the page's stale components, with the props of the page they are on."""
    props = offered(request)
    return "".join(mount_html(request, name, props, oob=True) for name in stale(request))
