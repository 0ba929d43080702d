"""The shared client's cache of public reads: RTK Query's cached queries and tags, in Django's cache.

1. Only a GET sent without credentials (`authenticated=False`, no Authorization or Cookie header of its own) to a
   route of CACHEABLE is cached: the catalog's pages and one product. A visitor's own data (/api/me/, orders,
   the bag's products by id) is on no route of it, and a signed request is never looked up, whatever its path.
2. Each route names the tags its answer shows. The answer's key holds their current versions, read *before* the
   API is asked: an answer read while a write was changing it is stored under the version that write replaces,
   where nobody looks any more.
3. A write replaces the versions of the tags it touches (`invalidate`): at once, so that reads later in its own
   transaction miss, and again when that transaction commits, so that an answer another connection read from
   the rows as they were before the commit is left behind too. The backend calls it when a product is saved,
   deleted or sold, and when the catalog is seeded (api/apps.py, api/services.py).
4. A version is a random token, not a counter: a version the cache evicted comes back as a new token, never as
   one an old answer was stored under.

Whether reads are cached is API_CACHE["ENABLED"] (`cache_enabled`); invalidating always happens, so that a
process reading with the cache on never finds an answer another process should have invalidated.
"""

import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction

from config.feature_settings import FeatureSettings
from federation.checks import cache_is_process_local

DEFAULTS: dict[str, Any] = {
    # On only when every process of the shop reads and writes the same cache (Redis, REDIS_URL). In a cache each
    # process keeps for itself (LocMem), an invalidation reaches no other gunicorn worker and no remote's server:
    # they would go on showing the old price (an order would still be refused at the new one). True or False
    # decides regardless.
    "ENABLED": "if-shared",
    # Seconds an answer is kept at most: what bounds a change made behind the ORM's back (raw SQL, another program).
    "TIMEOUT": 300,
}
cache_settings = FeatureSettings("API_CACHE", DEFAULTS)


def cache_enabled() -> bool:
    """Whether the client caches public reads: as API_CACHE["ENABLED"] says, or when the cache is shared."""
    enabled = cache_settings.ENABLED
    return not cache_is_process_local() if enabled == "if-shared" else bool(enabled)


# The tags. Every answer shows CATALOG, replaced by a write that cannot say which products it changed.
CATALOG = "catalog"
PRODUCT_LIST = "product-list"  # every page of the catalog


def product_tag(product_id: int) -> str:
    """The tag of one product's own answer."""
    return f"product:{product_id}"


@dataclass(frozen=True)
class Route:
    """A read the client may cache: its path, the query parameters it may carry, and the tags its answer shows."""

    name: str
    path: re.Pattern[str]
    params: frozenset[str]
    tags: Callable[[re.Match[str]], tuple[str, ...]]


# The allow-list: every route whose answers are cached. Public data only; a visitor's own data never goes here.
CACHEABLE = (
    Route(
        name="product-list",
        path=re.compile(r"/api/products/"),
        params=frozenset({"page", "page_size"}),
        tags=lambda match: (PRODUCT_LIST,),
    ),
    Route(
        name="product-detail",
        path=re.compile(r"/api/products/(?P<id>[0-9]+)/"),
        params=frozenset(),
        tags=lambda match: (product_tag(int(match["id"])),),
    ),
)
_MISSING = object()


class CachedRead:
    """One cacheable read: looked up at once, under a key built from its tags' versions (rules 2 and 4)."""

    def __init__(self, route: Route, path: str, query: str, tags: tuple[str, ...]) -> None:
        self.path = f"{path}?{query}" if query else path
        """The path and query string it was read at."""
        self.key = f"api-cache:{route.name}:{':'.join(_versions((CATALOG, *tags)))}:{self.path}"
        found = cache.get(self.key, _MISSING)
        self.hit = found is not _MISSING
        self.data: Any = None if found is _MISSING else found

    def keep(self, data: Any) -> None:
        """Store the API's answer, for TIMEOUT seconds at most."""
        cache.set(self.key, data, timeout=cache_settings.TIMEOUT)


def cached_read(
    method: str, path: str, *, params: Mapping[str, Any] | None, signed: bool, headers: Mapping[str, str] | None
) -> CachedRead | None:
    """The cache's entry for this read, looked up; None when it is not to be cached (rule 1)."""
    if method != "GET" or signed or not cache_enabled():
        return None
    if headers and not {name.lower() for name in headers}.isdisjoint({"authorization", "cookie"}):
        return None
    params = params or {}
    for route in CACHEABLE:
        if (match := route.path.fullmatch(path)) is None:
            continue
        # Whole numbers only (a page, a page size): nothing a visitor could fill the cache with, key by key.
        if not route.params.issuperset(params) or not all(str(value).isdigit() for value in params.values()):
            return None
        return CachedRead(route, path, urlencode(sorted(params.items())), route.tags(match))
    return None


def invalidate(*tags: str) -> None:
    """Replace the versions of `tags`, now and when the current transaction commits (rule 3)."""
    _replace(tags)
    transaction.on_commit(lambda: _replace(tags))  # outside a transaction, at once: a second replacement, harmless


def products_changed(*product_ids: int) -> None:
    """Whatever shows these products (their own answers, and every page of the catalog) is read afresh."""
    invalidate(PRODUCT_LIST, *map(product_tag, product_ids))


def _tag_key(tag: str) -> str:
    return f"api-cache:tag:{tag}"


def _versions(tags: tuple[str, ...]) -> list[str]:
    keys = [_tag_key(tag) for tag in tags]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            token = secrets.token_hex(8)
            # Of two readers that find no version, the first to add one decides it for both.
            found[key] = token if cache.add(key, token, timeout=None) else cache.get(key, token)
    return [found[key] for key in keys]


def _replace(tags: tuple[str, ...]) -> None:
    cache.set_many({_tag_key(tag): secrets.token_hex(8) for tag in tags}, timeout=None)
