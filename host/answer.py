"""What an answer carries besides its own HTML, composed in one place, in one explicit order.

After the view has run (and the error boundary has turned a failed htmx action into its fallback), each
contributor adds its part: the components the request changed, out of band; the queued toasts, out of band; the
custom events, as HX-Trigger (or kept in the session when the answer navigates away); and last the pattern
inspector, so that it shows what the others did. An answer htmx will not swap (a redirect, a 204, a full page)
gets no out-of-band part: the next page shows the toasts and the inspector's entries instead.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from federation.htmx import HtmxHttpRequest, append_out_of_band, navigates
from host import events, inspector, subscribers, toasts

MONOLITH = "monolith"  # the URL namespace of the shop before the split (host/urls.py), which nothing here composes
Contributor = Callable[[HtmxHttpRequest, HttpResponse], None]


def changed_components(request: HtmxHttpRequest, response: HttpResponse) -> None:
    """The components on the page the request changed, re-rendered (host/subscribers.py)."""
    append_out_of_band(request, response, subscribers.updates)


def queued_toasts(request: HtmxHttpRequest, response: HttpResponse) -> None:
    """The messages queued through `on_show_toast` (host/toasts.py)."""
    append_out_of_band(request, response, toasts.updates)


def what_the_patterns_did(request: HtmxHttpRequest, response: HttpResponse) -> None:
    """With the inspector on: its panel brought up to date, or its entries kept for the page an answer leads to."""
    if inspector.enabled() and not append_out_of_band(request, response, inspector.updates) and navigates(response):
        inspector.carry_over(request)


CONTRIBUTORS: tuple[Contributor, ...] = (
    changed_components,
    queued_toasts,
    events.deliver,  # HX-Trigger, or the session when the answer navigates (host/events.py)
    what_the_patterns_did,  # last: it shows what the others did
)


class AnswerMiddleware:
    """Composes every answer from its view's response and the CONTRIBUTORS, in their order."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HtmxHttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.resolver_match is not None and request.resolver_match.namespace == MONOLITH:
            return response  # served beside the shop for comparison, the monolith answers htmx on its own
        for contribute in CONTRIBUTORS:
            contribute(request, response)
        return response
