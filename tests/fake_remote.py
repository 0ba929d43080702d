"""A remote's server on loopback that answers what a test tells it to, byte by byte: for answers that drip, that
never end, or that carry what a real remote would never send. It runs in a thread of the test process, so it
signs with the test's SECRET_KEY like a real remote server sharing the host's key.
"""

import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.test import RequestFactory

from federation.over_http.wire import CONTEXT_HEADER, SIGNATURE_HEADER, read_context, sign_answer
from tests.servers import free_port


@dataclass
class Received:
    """A request as the fake server read it off the wire."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    raw: bytes
    """Every byte the host sent: what someone reading the wire would see."""

    @property
    def path(self) -> str:
        return self.target.split("?")[0]

    def nonce(self) -> str:
        """The one-time id of the host's context, read as the remote's server reads it (it must verify)."""
        as_received = RequestFactory().generic(
            self.method, self.target, data=self.body, headers={CONTEXT_HEADER: self.headers[CONTEXT_HEADER.lower()]}
        )
        context = read_context(as_received)
        assert context is not None
        return context["n"]


@dataclass
class Answer:
    """What to send back: a signed answer by default; `drip` last bytes one per `interval` seconds; or, with
    `endless`, a body that goes on (declared as `declared` bytes, if given) until the host hangs up."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    drip: int = 0
    interval: float = 1.0
    endless: bool = False
    declared: int | None = None
    signed: bool = True


@dataclass
class FakeRemoteServer:
    answer: Callable[[Received], Answer]
    received: list[Received] = field(default_factory=list)
    sent: int = 0
    """Bytes of answers written so far (an endless one stops when the host closes the connection)."""

    def __post_init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                request = _read_request(self.rfile)
                if request is not None:
                    fake.received.append(request)
                    fake.send(self.connection, request, fake.answer(request))

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeRemoteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def send(self, connection: socket.socket, request: Received, answer: Answer) -> None:
        headers = {"Content-Type": answer.content_type}
        if answer.signed and not answer.endless:
            headers[SIGNATURE_HEADER] = sign_answer(request.nonce(), answer.status, headers.items(), answer.body)
        length = answer.declared if answer.endless else len(answer.body)
        head = f"HTTP/1.1 {answer.status} OK\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        head += (f"Content-Length: {length}\r\n" if length is not None else "") + "Connection: close\r\n\r\n"
        try:
            connection.sendall(head.encode())
            for chunk in _body(answer):
                connection.sendall(chunk)
                self.sent += len(chunk)
        except OSError:  # the host hung up: what an endless or dripping answer expects
            return


def _body(answer: Answer) -> Iterator[bytes]:
    if answer.endless:
        chunk = b"x" * 65536
        while True:
            yield chunk
    held = answer.drip
    yield answer.body[: len(answer.body) - held] if held else answer.body
    for index in range(len(answer.body) - held, len(answer.body)):
        time.sleep(answer.interval)
        yield answer.body[index : index + 1]


def _read_request(stream: BinaryIO) -> Received | None:
    """One HTTP/1.1 request off the wire: its line, headers and body (by Content-Length)."""
    line = stream.readline()
    if not line:
        return None
    raw = line
    headers: dict[str, str] = {}
    while (header := stream.readline()) not in (b"\r\n", b"\n", b""):
        raw += header
        name, _, value = header.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    body = stream.read(int(headers.get("content-length", "0") or 0))
    method, target, _ = line.decode("latin-1").split(" ", 2)
    return Received(method=method, target=target, headers=headers, body=body, raw=raw + b"\r\n" + body)


def cart_manifest(*components: str) -> dict[str, object]:
    """The manifest a cart server exposing `components` (subscribed to the cart, needing no props) sends."""
    return {
        "remote": "cart",
        "components": {name: {"subscribes": ["cart"], "needs": []} for name in components},
        "stylesheets": [],
        "shared": {},
    }
