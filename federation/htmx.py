"""How htmx treats an answer, defined once: which statuses it swaps, and which answers navigate away.

The browser's side (the htmx-config meta tag, `{% htmx_config %}`) and the server's side (whether an answer can
carry out-of-band swaps, whether its events must wait for the next page) both read these.
"""

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

SWAPPED_ERRORS = (400, 404, 409, 422, 429)
"""The 4xx answers that carry a message for the visitor (a form error, "not found", a conflict): htmx swaps
them like a success. Other errors (403, 5xx) are not swapped; host.js tells the visitor something went wrong."""
NAVIGATING_HEADERS = ("HX-Redirect", "HX-Location", "HX-Refresh")
"""Headers with which an answer sends htmx to another page."""
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def response_handling() -> list[dict[str, Any]]:
    """htmx 2's `responseHandling` for this policy: swap 2xx (but 204), 3xx and SWAPPED_ERRORS; the rest is an error."""
    errors = "|".join(str(status) for status in SWAPPED_ERRORS)
    return [
        {"code": "204", "swap": False},
        {"code": "[23]..", "swap": True},
        {"code": f"({errors})", "swap": True, "error": False},
        {"code": "...", "swap": False, "error": True},
    ]


SETTLE_DELAY_MS = 0
"""htmx takes up swapped content (its hx-* attributes, autofocus) when it settles, by default 20 ms later, for CSS
transitions the shop does not use. Meanwhile a swapped form is plain HTML: a keyboard user's quick Enter on its
button (which the browser may already have focused) sends it as a full page load, and the focus goes to the top
of the next page. Settling at once leaves no such moment."""


def config_json(**options: Any) -> str:
    """The htmx-config meta tag's content: the response handling and the settle delay, plus `options` (e.g.
    allowEval=False)."""
    return json.dumps({**options, "defaultSettleDelay": SETTLE_DELAY_MS, "responseHandling": response_handling()})


def navigates(response: HttpResponse) -> bool:
    """The answer sends the browser to another page: a redirect, or one of htmx's navigating headers."""
    return response.status_code in REDIRECTS or any(header in response for header in NAVIGATING_HEADERS)


def append_out_of_band[R: HttpRequest](request: R, response: HttpResponse, render: Callable[[R], str]) -> bool:
    """If htmx will swap this answer into the page, append the out-of-band swaps `render(request)` gives and say
    so; any other answer is left as it is, and `render` is not called (it may use up the queued messages)."""
    if not (getattr(request, "htmx", False) and swapped(response)):
        return False
    html = render(request)
    if html:
        response.content += html.encode()
    return True


def swapped(response: HttpResponse) -> bool:
    """htmx will swap this answer's HTML into the page (so out-of-band fragments appended to it show)."""
    status = response.status_code
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and ((200 <= status < 300 and status != 204) or status in SWAPPED_ERRORS)
        and not navigates(response)
    )


class HtmxHttpRequest(HttpRequest):
    """The type of a request that went through django-htmx's middleware, for the type checker (django-htmx's
    recipe): annotate a view with it to read `request.htmx` (every server of the shop runs HtmxMiddleware)."""

    htmx: HtmxDetails
