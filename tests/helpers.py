"""Small helpers the tests share."""

import re

from django.test import Client

MOUNT = re.compile(r'<div id="(remote-[\w-]+)"[^>]*hx-swap-oob="true"')


def csrf_client() -> Client:
    """A client that enforces CSRF like a browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def htmx_headers(page: str, *subscribers: str, target: str = "") -> dict[str, str]:
    """The headers htmx (and host.js) send for a request made from `page`."""
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"}
    if subscribers:
        headers["X-Mounted-Components"] = " ".join(subscribers)
    if target:
        headers["HX-Target"] = target
    return headers


def oob_mounts(html: str) -> list[str]:
    """The mount points an htmx response swaps out of band."""
    return MOUNT.findall(html)


def badge_label(html: str) -> str:
    match = re.search(r'class="cart-badge" href="[^"]*" aria-label="([^"]+)"', html)
    assert match, "no cart badge in the HTML"
    return match.group(1)
