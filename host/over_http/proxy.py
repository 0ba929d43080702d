"""A remote's own endpoints (its actions, its pages, its static files), proxied under the host's origin."""

import logging
from typing import cast

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.request import RawPostDataException
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from host.over_http.errors import RemoteUnavailable, write_outcome
from host.over_http.exchange import exchange, send
from host.props import offered
from host.registry import Remote

logger = logging.getLogger("host.over_http")

# Response headers passed back to the browser; the remote's cookies never are.
PASSED_RESPONSE_HEADERS = ("Content-Type", "Location", "Cache-Control", "Vary")
# Where under its prefix a remote's server serves its static files (its STATIC_URL, federation/served_settings.py).
STATIC_PREFIX = "static/"


# The kinds of static file passed on from a remote's server; anything else under its static prefix is refused.
STATIC_TYPES = ("text/css", "text/javascript", "application/javascript", "image/", "font/", "application/json")


def proxy(request: HttpRequest, remote: Remote, subpath: str) -> HttpResponse:
    """A remote's own endpoint (its actions, its pages, its static files), under the host's origin.

    The host's CsrfViewMiddleware checks the visitor's request here; the remote trusts the sealed context.
    Its props are the host's, as an in-process remote endpoint gets them (HostPropsMiddleware).
    """
    path = f"/{remote.url_prefix}{subpath}"
    if subpath.startswith(STATIC_PREFIX):
        return static_file(request, remote, path)
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


@require_safe
def static_file(request: HttpRequest, remote: Remote, path: str) -> HttpResponse:
    """One of the remote's static files, asked for by the host itself, for nobody: a public file needs no visitor
    (no session is read or started for it). Its answer is signed like any other; only the kinds of file a page
    loads (STATIC_TYPES) are passed on, with their type and caching headers."""
    try:
        response = send(None, remote, "GET", path, props={})
    except RemoteUnavailable as exc:
        logger.warning("Remote %r failed to send %s: %s", remote.name, path, exc)
        return HttpResponse(f"{remote.name} is not answering.", status=503, content_type="text/plain")
    content_type = response.headers.get("Content-Type", "")
    if response.status_code != 200:
        return HttpResponse(status=404 if response.status_code == 404 else 502)
    if not content_type.startswith(STATIC_TYPES):
        logger.warning("Remote %r sent %s as %r: not passed on", remote.name, path, content_type)
        return HttpResponse(status=502)
    passed = HttpResponse(response.content, content_type=content_type)
    for name in ("Cache-Control", "Vary"):
        if name in response.headers:
            passed[name] = response.headers[name]
    return passed
