"""The shared API client: the one package a remote may import from `api` (see the contracts in pyproject.toml).

It reaches the backend only over HTTP (in-process or over the network), never by importing it. Its modules:
`client` (the client and `api_client(request)`), `auth` (the bearer and 401-refresh flow), `cache` (public
reads kept in Django's cache, invalidated by tag), `transport` (the in-process transport), `errors`, `signals`
(`api_called`), `money` (how every client writes a price), `cards` (the payment provider's test numbers) and
`login` (logging in and out through the client; imported as `api.client.login`, so that importing the client
does not load Django's auth views and forms).
"""

from api.client.client import ApiClient, api_client, http_client
from api.client.errors import ApiBadRequest, ApiError, ApiNotFound, ApiServerError, ApiUnavailable, SessionExpired
from api.client.money import money
from api.client.signals import api_called

__all__ = [
    "ApiBadRequest",
    "ApiClient",
    "ApiError",
    "ApiNotFound",
    "ApiServerError",
    "ApiUnavailable",
    "SessionExpired",
    "api_called",
    "api_client",
    "http_client",
    "money",
]
