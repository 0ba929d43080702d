"""A remote served by its own server, for a host across the network: its manifest, its render endpoint, and
the middleware that checks a host's sealed context, turns it into the visitor's request and signs the answer
(federation/over_http/wire.py)."""

import functools
import hashlib
import json
import logging
from collections.abc import Callable
from importlib import import_module
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    JsonResponse,
    StreamingHttpResponse,
)
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from federation.components import MissingProps, build_props, offered_props, required_props, subscriptions_of
from federation.context import Forwarded, request_context
from federation.events import emitted
from federation.over_http.wire import (
    EFFECTS_HEADER,
    NOT_FOUND_HEADER,
    SIGNATURE_HEADER,
    VERSION_HEADER,
    Effects,
    ForwardedContext,
    WireError,
    decode_props,
    read_context,
    sign_answer,
)
from federation.remote import RemoteConfig, load_exposed, remote_config, stylesheets_of

logger = logging.getLogger("federation.over_http.served")


class WireMiddleware:
    """The outermost middleware of a remote's server: a forwarded request is let in only with a valid context
    (federation/over_http/wire.py), and its answer goes back signed, without cookies.

    A forwarded request's cookies are dropped on the way in: the visitor's session and CSRF secret come from the
    context, never from whatever a cookie says. Nothing the remote would set as a cookie goes back either: the
    host keeps no state of one visitor's exchange for another. A request without a context (the remote's own
    pages, opened directly) is served as it comes, and its answer is not signed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            context = read_context(request)
        except WireError as exc:
            logger.warning("Refused a forwarded request to %s: %s", request.path, exc)
            return HttpResponseBadRequest(str(exc))
        if context is None:
            return self.get_response(request)
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        request_context(request).forwarded = Forwarded(context)
        response = self.get_response(request)
        response.cookies.clear()
        response[VERSION_HEADER] = served_manifest()["version"]
        body = _content(response)
        response[SIGNATURE_HEADER] = sign_answer(context["n"], response.status_code, response.items(), body)
        return response


def _content(response: HttpResponse | StreamingHttpResponse) -> bytes:
    """The answer's body, read once (a static file streams): the signature covers every byte of it."""
    if isinstance(response, HttpResponse):
        return response.content
    body = b"".join(response)  # iterating a streaming response yields its content as bytes
    response.streaming_content = [body]
    return body


class ForwardedContextMiddleware:
    """On a request the host forwarded: the visitor's session (by key, from the shared session store), the
    host's CSRF secret and props from the verified context; and the remote's effects on the way back.

    Goes right after SessionMiddleware (it replaces the session that middleware made).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = request_context(request)
        if found.forwarded is None:
            return self.get_response(request)
        context = cast(ForwardedContext, found.forwarded.sealed)
        request.session = import_module(settings.SESSION_ENGINE).SessionStore(context["s"] or None)
        # Forms render the host's CSRF token, and the host already checked it on the visitor's request.
        request.META["CSRF_COOKIE"] = context["c"]
        # Django's CsrfViewMiddleware reads this flag; django-stubs does not declare it on HttpRequest.
        request.csrf_processing_done = True  # type: ignore[attr-defined]
        calls: list[tuple[str, list[Any]]] = []
        found.props = decode_props(context["props"], calls)
        response = self.get_response(request)
        # The store, if anything in the request used it (shared_store.get_store): the slices it changed.
        changed = found.store.changed if found.store is not None else set()
        effects = Effects(
            calls=calls,
            changed=sorted(changed),
            events=emitted(request),
            session_changed=request.session.modified,
        )
        response[EFFECTS_HEADER] = effects.encode()
        return response


def served_config() -> RemoteConfig:
    """The RemoteConfig of the app this server serves (settings.REMOTE_APP)."""
    # Only federation/served_settings.py defines REMOTE_APP; mypy knows the host's settings (host.settings).
    app = settings.REMOTE_APP  # type: ignore[misc]
    config = remote_config(app)
    if config is None:
        raise ImproperlyConfigured(f"REMOTE_APP {app!r} is not an installed remote.")
    return config


@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    """What a host needs to mount this remote without its code: Module Federation's remoteEntry."""
    return JsonResponse(served_manifest())


@functools.cache
def served_manifest() -> dict[str, Any]:
    """This server's manifest, made once per process: a new version of the remote is a new process.

    Its `version` is a digest of everything else in it (components, what they subscribe to and need, the
    stylesheets' URLs, the shared pins): it changes exactly when a host has to read the manifest again. Every
    answer of this server names it (VERSION_HEADER), so a host notices a new version on its next exchange.
    """
    config = served_config()
    components: dict[str, dict[str, list[str]]] = {}
    for name, dotted_path in config.exposes.items():
        render, props_type = load_exposed(f"{config.label}/{name}", dotted_path)
        components[name] = {
            "subscribes": sorted(subscriptions_of(render)),
            "needs": sorted(required_props(props_type)),
            "stylesheets": [static(sheet) for sheet in stylesheets_of(config, name)],
        }
    data: dict[str, Any] = {
        "remote": config.label,
        "components": components,
        "stylesheets": list(dict.fromkeys(sheet for spec in components.values() for sheet in spec["stylesheets"])),
        "shared": {package: spec.required_version for package, spec in config.shared.items()},
    }
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    return {**data, "version": hashlib.sha256(canonical).hexdigest()[:16]}


@require_safe
def render_component(request: HttpRequest, component: str) -> HttpResponse:
    """One exposed component, rendered for a host with the props of its sealed context."""
    if request_context(request).forwarded is None:
        return HttpResponseForbidden("Only a host renders components, with a sealed context.")
    return _rendered(request, served_config(), component)


# At most this many components in one batch: a page shows a handful of one remote's.
MAX_BATCH = 8


@require_safe
def render_components(request: HttpRequest) -> JsonResponse | HttpResponse:
    """Several exposed components at once (`?components=Bag,CartBadge`): every fragment a page needs from this
    remote in one round trip. Each is answered under its name as `render_component` would answer it alone (its
    status, its HTML, whether a 404 is "not found"); one that fails is a 500 there, and the others stand."""
    if request_context(request).forwarded is None:
        return HttpResponseForbidden("Only a host renders components, with a sealed context.")
    names = [name for name in request.GET.get("components", "").split(",") if name]
    if not names or len(names) > MAX_BATCH or len(set(names)) != len(names):
        return HttpResponseBadRequest(f"Name between 1 and {MAX_BATCH} different components, separated by commas.")
    config = served_config()
    fragments: dict[str, dict[str, Any]] = {}
    for name in names:
        try:
            answer = _rendered(request, config, name)
        except Http404 as exc:
            answer = HttpResponse(str(exc), status=404)  # no such component: not the page's "not found"
        except Exception:
            logger.exception("%s/%s failed in a batch", config.label, name)
            answer = HttpResponse(status=500)  # this fragment's fallback; the others stand
        fragments[name] = {
            "status": answer.status_code,
            "html": answer.content.decode(),
            "not_found": NOT_FOUND_HEADER in answer,
        }
    return JsonResponse({"fragments": fragments})


def _rendered(request: HttpRequest, config: RemoteConfig, component: str) -> HttpResponse:
    dotted_path = config.exposes.get(component)
    if dotted_path is None:
        raise Http404(f"{config.label} does not expose {component!r}.")
    render, props_type = load_exposed(f"{config.label}/{component}", dotted_path)
    try:
        props = build_props(props_type, offered_props(request), component=f"{config.label}/{component}")
    except MissingProps as exc:
        return HttpResponseBadRequest(str(exc))
    try:
        html = render(request, props)
    except Http404 as exc:
        # "Not found" is the component's answer (e.g. no such product): the host shows its 404 page.
        return HttpResponse(str(exc), status=404, headers={NOT_FOUND_HEADER: "1"})
    if isinstance(html, HttpResponse):
        return html  # it called a callback that answers (navigation): the host replays it
    return HttpResponse(html)
