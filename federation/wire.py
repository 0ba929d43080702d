"""The wire between a host and a remote served by its own server: what crosses, how, and who may trust it.

Host → remote, on every request it forwards: a signed context (header `X-Federation-Context`) with the
visitor's session key, the host's CSRF secret, and the props the host offers. Signed with the SECRET_KEY both
servers share, bound to one method and path, valid for seconds: a remote trusts nothing else about the
visitor, least of all unsigned headers.

Remote → host, on every answer: its effects (header `X-Federation-Effects`): the callback props it called,
the store slices it changed, the custom events it emitted, and whether it changed the session. The host
replays them, so a remote over HTTP behaves as it does in-process.
"""

import base64
import json
import zlib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, is_dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

from federation.links import LINK_MARKER

CONTEXT_HEADER = "X-Federation-Context"
EFFECTS_HEADER = "X-Federation-Effects"
NOT_FOUND_HEADER = "X-Federation-Not-Found"  # on a 404 that is the component's answer, not a missing route
CONTEXT_MAX_AGE = 30  # seconds: a forwarded request is answered at once, so a captured context soon expires
_SALT = "federation.wire.context"


class WireError(Exception):
    """A context that is missing, forged, expired or meant for another request."""


# Props ------------------------------------------------------------------------------------------------------
# Their kind follows the props naming convention every props dataclass here uses: `*_href` are links to the
# host's routes, `on_*` and `handle_*` are callbacks, anything else is plain data.


def prop_kind(name: str, value: object) -> str:
    """ "value", "link" or "callback", from the prop's name (and whether it is callable at all)."""
    if not callable(value):
        return "value"
    if name.endswith("_href"):
        return "link"
    if name.startswith(("on_", "handle_")):
        return "callback"
    raise ImproperlyConfigured(f"Prop {name!r} is callable but neither a link (*_href) nor a callback (on_*).")


def encode_props(offered: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The host's props as JSON: values as they are, links as templates, callbacks by name only."""
    encoded: dict[str, list[Any]] = {}
    for name, value in offered.items():
        kind = prop_kind(name, value)
        if kind == "value":
            encoded[name] = [kind, value]
        elif kind == "link":
            # A link (`product_href(id) -> str`) crosses as a template: built once with the marker for the id.
            encoded[name] = [kind, str(value(int(LINK_MARKER))).replace(LINK_MARKER, "{}")]
        else:
            encoded[name] = [kind, None]
    return encoded


def decode_props(encoded: Mapping[str, list[Any]], calls: list[tuple[str, list[Any]]]) -> dict[str, Any]:
    """Props for the remote's code: links rebuilt, callbacks recorded into `calls` for the host to replay."""
    props: dict[str, Any] = {}
    for name, (kind, value) in encoded.items():
        if kind == "value":
            props[name] = value
        elif kind == "link":
            props[name] = _link(value)
        else:
            props[name] = _recorder(name, calls)
    return props


def _link(template: str) -> Callable[[Any], str]:
    return lambda key: template.replace("{}", str(key))


def _recorder(name: str, calls: list[tuple[str, list[Any]]]) -> Callable[..., HttpResponse]:
    def call(*args: Any) -> HttpResponse:
        calls.append((name, list(args)))
        # A callback may answer for the remote (navigation): the host replays it and sends its real answer.
        return HttpResponse(status=204)

    return call


# Context: host → remote ----------------------------------------------------------------------------------------


def sign_context(
    *, method: str, path: str, session_key: str, csrf_secret: str, props: Mapping[str, Any], page: str = ""
) -> str:
    """The signed context for one forwarded request; `page` is the host page the visitor is on."""
    payload = {"m": method, "p": path, "s": session_key, "c": csrf_secret, "page": page,
               "props": encode_props(props)}  # fmt: skip
    return signing.dumps(payload, salt=_SALT, compress=True, serializer=_Serializer)


def read_context(request: HttpRequest) -> dict[str, Any] | None:
    """The verified context of a forwarded request; None when there is none; WireError when it is not valid."""
    token = request.headers.get(CONTEXT_HEADER)
    if token is None:
        return None
    try:
        payload = signing.loads(token, salt=_SALT, max_age=CONTEXT_MAX_AGE, serializer=_Serializer)
    except signing.SignatureExpired as exc:
        raise WireError("The forwarded context has expired.") from exc
    except signing.BadSignature as exc:
        raise WireError("The forwarded context is not signed by the host.") from exc
    if (payload.get("m"), payload.get("p")) != (request.method, request.path):
        raise WireError("The forwarded context was made for another request.")
    return payload


# Effects: remote → host --------------------------------------------------------------------------------------


@dataclass
class Effects:
    """What a remote did while answering a forwarded request, for the host to replay."""

    calls: list[tuple[str, list[Any]]] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    session_changed: bool = False

    def encode(self) -> str:
        # Compressed: a bag of many lines reports each of them, and response headers have size limits.
        data = {"calls": self.calls, "changed": self.changed, "events": self.events,
                "session_changed": self.session_changed}  # fmt: skip
        return base64.urlsafe_b64encode(zlib.compress(dumps(data).encode())).decode()

    @classmethod
    def decode(cls, header: str | None) -> "Effects":
        if not header:
            return cls()
        data = loads(zlib.decompress(base64.urlsafe_b64decode(header)).decode())
        return cls(
            calls=[(name, args) for name, args in data["calls"]],
            changed=data["changed"],
            events=[(name, payload) for name, payload in data["events"]],
            session_changed=data["session_changed"],
        )


# JSON with the few types props and callback arguments carry ---------------------------------------------------


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    if is_dataclass(value) and not isinstance(value, type):
        # A record such as the cart's SelectedItem: the host reads it by attribute, never by its class.
        return {"__record__": asdict(value)}
    raise TypeError(f"{type(value).__name__} cannot cross the wire.")


def _hook(data: dict[str, Any]) -> object:
    if "__decimal__" in data:
        return Decimal(data["__decimal__"])
    if "__record__" in data:
        return SimpleNamespace(**data["__record__"])
    return data


def dumps(value: object) -> str:
    """JSON that keeps Decimals and turns records into attribute objects on the other side."""
    return json.dumps(value, default=_default, separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text, object_hook=_hook)


class _Serializer:
    """signing's serializer interface over `dumps`/`loads`."""

    def dumps(self, obj: object) -> bytes:
        return dumps(obj).encode("latin-1")

    def loads(self, data: bytes) -> object:
        return loads(data.decode("latin-1"))
