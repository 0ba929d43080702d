"""The visitor's network address, as every part of the shop counts it (throttles, login lockouts, the API).

Behind a proxy, every request comes from the proxy's address; the visitor's is in X-Forwarded-For, which the
proxy appends. A client can send that header too, so it is believed only when settings.TRUSTED_PROXIES says
how many proxies in front of this server append to it (BEHIND_TLS_PROXY=1 sets one): then the address the
outermost trusted proxy saw is the visitor's. Otherwise the header is ignored. The same rule as DRF's
NUM_PROXIES, which the settings keep equal to it.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or the forwarded one when trusted proxies set it."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded:
        return remote_addr
    hops = [hop.strip() for hop in forwarded.split(",")]
    candidate = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr  # not an address: whatever wrote it, it cannot stand for the visitor
