"""The host's HTTP client for a remote's server (host/over_http/exchange.py, `client`): connections kept alive
only for a remote whose server is said to keep them (KEEP_ALIVE)."""

import socket
import threading
from collections.abc import Iterator

import pytest

from host.over_http import exchange
from host.registry import Remote


@pytest.fixture
def keep_alive_server() -> Iterator[tuple[str, list[int]]]:
    """A loopback HTTP/1.1 server that keeps connections alive; the list counts the connections it accepted."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[int] = []

    def serve(connection: socket.socket) -> None:
        with connection:
            buffer = b""
            while chunk := connection.recv(65536):
                buffer += chunk
                while b"\r\n\r\n" in buffer:
                    _, buffer = buffer.split(b"\r\n\r\n", 1)
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    def accept() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            accepted.append(1)
            threading.Thread(target=serve, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    server.close()


@pytest.mark.parametrize(("keep_alive", "connections"), [(True, 1), (False, 3)])
def test_connections_are_reused_only_where_the_server_keeps_them(
    keep_alive_server: tuple[str, list[int]], keep_alive: bool, connections: int
) -> None:
    url, accepted = keep_alive_server
    name = f"probe-{keep_alive}"
    remote = Remote(name=name, config=None, url_prefix=f"remotes/{name}/", url=url, keep_alive=keep_alive)
    try:
        for _ in range(3):
            assert exchange.client(remote).get("/").text == "ok"
        assert len(accepted) == connections
    finally:
        exchange.forget_connections()
