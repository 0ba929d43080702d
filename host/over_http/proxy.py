"""A remote's own endpoints (its actions, its pages, its static files), proxied under the host's origin."""

import logging
from typing import cast

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.request import RawPostDataException
from django.template.loader import render_to_string

from host.over_http.errors import RemoteUnavailable, write_outcome
from host.over_http.exchange import exchange
from host.props import offered
from host.registry import Remote

logger = logging.getLogger("host.over_http")

# Response headers passed back to the browser; the remote's cookies never are.
PASSED_RESPONSE_HEADERS = ("Content-Type", "Location", "Cache-Control", "Vary")


def proxy(request: HttpRequest, remote: Remote, subpath: str) -> HttpResponse:
    """A remote's own endpoint (its actions, its pages, its static files), under the host's origin.

    The host's CsrfViewMiddleware checks the visitor's request here; the remote trusts the sealed context.
    Its props are the host's, as an in-process remote endpoint gets them (HostPropsMiddleware).
    """
    path = f"/{remote.url_prefix}{subpath}"
    props = offered(request)
    try:
        body = request.body
    except RawPostDataException:  # a multipart form, already parsed by the CSRF check: the shop sends none
        return HttpResponseBadRequest("Send this form url-encoded.")
    method = cast(str, request.method)  # a request the server received always has one
    try:
        response, answer = exchange(
            request, remote, method, path, props=props, query=request.META.get("QUERY_STRING", ""), body=body
        )
    except RemoteUnavailable as exc:
        if getattr(request, "htmx", False):
            raise  # the composition middleware swaps in the remote's fallback
        logger.exception("Remote %r failed to answer %s %s", remote.name, request.method, path)
        context = {"remote": remote.name, "outcome": write_outcome(request, exc)}
        html = render_to_string("host/remote_unavailable.html", context, request)
        return HttpResponse(html, status=503)
    if answer is not None:
        return answer
    passed = HttpResponse(response.content, status=response.status_code)
    for name, value in response.headers.items():
        if name.lower().startswith("hx-") or name.title() in PASSED_RESPONSE_HEADERS:
            passed[name] = value
    return passed
