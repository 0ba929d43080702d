"""The wire between a host and a remote served by its own server: what crosses, how, and who may trust it.

Host → remote, on every request it forwards: a sealed context (header `X-Federation-Context`) with the
visitor's session key, the host's CSRF secret, the page and the props the host offers. Sealed means encrypted
and authenticated (Fernet, from the `cryptography` package) with a key derived from the SECRET_KEY both servers
share: whoever reads the traffic between them learns nothing of it, and cannot make one. It is bound to one
method, path, query and body (by its digest), valid for seconds and usable once: a remote trusts nothing else
about the visitor, least of all unsigned headers or cookies.

Remote → host, on every answer: its effects (header `X-Federation-Effects`): the callback props it called,
the store slices it changed, the custom events it emitted, and whether it changed the session. The host
replays them, so a remote over HTTP behaves as it does in-process. Every answer also names the version of the
remote's manifest (`X-Federation-Version`), so a host notices a new deployment. The answer is signed
(`X-Federation-Signature`: its status, the headers the host uses and its body's digest, bound to the request's
context), so the host inserts into its pages only what the remote sent.
"""

import base64
import functools
import hashlib
import json
import secrets
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, is_dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, TypedDict

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac

from federation.components import prop_kind
from federation.links import LINK_MARKER

CONTEXT_HEADER = "X-Federation-Context"
EFFECTS_HEADER = "X-Federation-Effects"
NOT_FOUND_HEADER = "X-Federation-Not-Found"  # on a 404 that is the component's answer, not a missing route
SIGNATURE_HEADER = "X-Federation-Signature"
VERSION_HEADER = "X-Federation-Version"  # on every answer: the version of the remote's manifest that answered
CONTEXT_MAX_AGE = 30  # seconds: a forwarded request is answered at once, so a captured context soon expires
# Response headers the host reads or passes on, so the answer's signature covers them (and every HX-* header).
SIGNED_ANSWER_HEADERS = frozenset(
    {
        "content-type",
        "location",
        "cache-control",
        "vary",
        EFFECTS_HEADER.lower(),
        NOT_FOUND_HEADER.lower(),
        VERSION_HEADER.lower(),
    }
)
_CONTEXT_KEY_INFO = b"django-mfe federation.wire.context"  # what the sealing key is derived for
_ANSWER_SALT = "federation.wire.answer"
_USED = "federation:wire:used:"  # cache keys of the contexts already used


EncodedProps = dict[str, list[Any]]
"""Props as they cross: each name → [kind ("value", "link" or "callback"), what crosses of it]."""


class ForwardedContext(TypedDict):
    """What the host seals for one forwarded request (seal_context) and the remote reads back (read_context)."""

    m: str
    """The request's method, path, query string and body digest: the context is good for that request only."""
    p: str
    q: str
    b: str
    n: str
    """A one-time id: the remote's signed answer repeats it, and a context is used once."""
    s: str
    """The visitor's session key (the session store is shared by host and remote): the context is sealed so
    that nobody on the wire can read it and use that session on the host."""
    c: str
    """The host's CSRF secret for the visitor, so the remote's forms render the host's token."""
    page: str
    """The host page the visitor is on."""
    props: EncodedProps
    """The host's props (encode_props)."""


class WireError(Exception):
    """A context that is missing, forged, expired or meant for another request."""


# Props ------------------------------------------------------------------------------------------------------
# Their kind follows the props naming convention (federation/components.py): links cross as templates,
# callbacks by name only, anything else as plain data.


def encode_props(offered: Mapping[str, Any]) -> EncodedProps:
    """The host's props as JSON: values as they are, links as templates, callbacks by name only."""
    encoded: EncodedProps = {}
    for name, value in offered.items():
        kind = prop_kind(name) if callable(value) else "value"
        if kind is None:
            raise ImproperlyConfigured(f"Prop {name!r} is callable but neither a link (*_href) nor a callback (on_*).")
        if kind == "value":
            encoded[name] = [kind, value]
        elif kind == "link":
            # A link (`product_href(id) -> str`) crosses as a template: built once with the marker for the id.
            encoded[name] = [kind, str(value(int(LINK_MARKER))).replace(LINK_MARKER, "{}")]
        else:
            encoded[name] = [kind, None]
    return encoded


def decode_props(encoded: EncodedProps, calls: list[tuple[str, list[Any]]]) -> dict[str, Any]:
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


def seal_context(
    *,
    method: str,
    path: str,
    session_key: str,
    csrf_secret: str,
    props: Mapping[str, Any],
    page: str = "",
    query: str = "",
    body: bytes = b"",
    nonce: str | None = None,
) -> str:
    """The sealed context for one forwarded request; `page` is the host page the visitor is on, and `nonce` the
    request's one-time id (new_nonce()), which the remote's signed answer repeats."""
    payload: ForwardedContext = {
        "m": method,
        "p": path,
        "q": query,
        "b": _digest(body),
        "n": nonce or new_nonce(),
        "s": session_key,
        "c": csrf_secret,
        "page": page,
        "props": encode_props(props),
    }
    # Compressed before it is encrypted: props can be long, and request headers have size limits.
    return _sealer().encrypt(zlib.compress(dumps(payload).encode())).decode("ascii")


def new_nonce() -> str:
    """A one-time id for one forwarded request."""
    return secrets.token_urlsafe(16)


def read_context(request: HttpRequest) -> ForwardedContext | None:
    """The verified context of a forwarded request; None when there is none; WireError when it is not valid.

    Valid means: sealed by the host, younger than CONTEXT_MAX_AGE, made for this method, path, query and body,
    and not used before. "Used once" is remembered in the remote's cache: with several processes, that cache must
    be shared (REDIS_URL), or a context could be replayed once per process within its few seconds (a system
    check warns of it, federation/checks.py).
    """
    token = request.headers.get(CONTEXT_HEADER)
    if token is None:
        return None
    sealer = _sealer()
    try:
        payload: ForwardedContext = loads(zlib.decompress(sealer.decrypt(token.encode(), ttl=CONTEXT_MAX_AGE)).decode())
    except InvalidToken as exc:
        try:
            sealer.extract_timestamp(token.encode())  # authentic, so it was refused for its age
        except InvalidToken:
            raise WireError("The forwarded context is not sealed by the host.") from exc
        raise WireError("The forwarded context has expired.") from exc
    made_for = (payload.get("m"), payload.get("p"), payload.get("q"), payload.get("b"))
    if made_for != (request.method, request.path, request.META.get("QUERY_STRING", ""), _digest(request.body)):
        raise WireError("The forwarded context was made for another request.")
    if not cache.add(f"{_USED}{payload['n']}", True, timeout=CONTEXT_MAX_AGE + 1):
        raise WireError("The forwarded context was already used.")
    return payload


def _sealer() -> MultiFernet:
    """Fernet with keys derived from SECRET_KEY and its fallbacks: seals with the first, opens with any, so a
    key rotation (Django's SECRET_KEY_FALLBACKS) does not break the exchanges under way."""
    return MultiFernet([_fernet(key) for key in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)])


@functools.cache
def _fernet(secret: str) -> Fernet:
    # A key of its own for this one use (HKDF), never the SECRET_KEY itself.
    derived = HKDF(algorithm=SHA256(), length=32, salt=None, info=_CONTEXT_KEY_INFO).derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


# The answer: remote → host ---------------------------------------------------------------------------------------


def sign_answer(nonce: str, status: int, headers: Iterable[tuple[str, str]], body: bytes) -> str:
    """The signature of a remote's answer to the request whose context carried `nonce`."""
    return salted_hmac(_ANSWER_SALT, _answer_text(nonce, status, headers, body), algorithm="sha256").hexdigest()


def answer_is_signed(nonce: str, status: int, headers: Iterable[tuple[str, str]], body: bytes, signature: str) -> bool:
    """Whether `signature` is the remote's for exactly this answer (the host checks before using any of it)."""
    return constant_time_compare(sign_answer(nonce, status, headers, body), signature)


def _answer_text(nonce: str, status: int, headers: Iterable[tuple[str, str]], body: bytes) -> str:
    signed = sorted((name.lower(), value) for name, value in headers if _is_signed_header(name))
    return "\n".join([nonce, str(status), *(f"{name}:{value}" for name, value in signed), _digest(body)])


def _is_signed_header(name: str) -> bool:
    lowered = name.lower()
    return lowered in SIGNED_ANSWER_HEADERS or lowered.startswith("hx-")


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
        data = {
            "calls": self.calls,
            "changed": self.changed,
            "events": self.events,
            "session_changed": self.session_changed,
        }
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
