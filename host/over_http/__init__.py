"""Remotes served by their own servers: the host fetches their fragments and proxies their endpoints over HTTP.

The same host code mounts them: `mount()` renders an `HttpComponent` as it renders an in-process one, inside
the same error boundary. What a remote does in-process through the request (callbacks, store changes, events,
session) comes back as its effects (federation/over_http/wire.py) and is replayed here (exchange.py).
"""
