"""The monolith's cache of its catalog reads, so the benchmark can compare both shops with a cache.

The federated shop's API client caches the same two reads, a page of the catalog and one product, with the same
rule (api/client/cache.py): each answer's key holds its tag's version, read before the database is asked; a write
replaces the versions of what it touches, at once and again on commit; a version is a random token. Off unless
MONOLITH["CACHE"] is true: the monolith is the baseline, and caches only when asked to.
"""

import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import transaction

from monolith.models import Product

TIMEOUT = 300  # seconds, as the API cache's default
LIST = "list"  # every page of the catalog
_MISSING = object()


def product_tag(pk: int) -> str:
    return f"product:{pk}"


def cache_on() -> bool:
    return bool(getattr(settings, "MONOLITH", {}).get("CACHE", False))


def catalog_page(number: str, *, per_page: int) -> Page:
    """`Paginator(Product.objects.all(), per_page).page(number)`, raising as it does; a page kept with its total."""
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses; the paginator words every refusal.
    if not cache_on() or not (number.isascii() and number.isdigit()):
        return Paginator(Product.objects.all(), per_page).page(number)
    wanted = int(number)
    key = _key(f"page:{per_page}:{wanted}", LIST)
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        rows, count = found
        paginator = Paginator(Product.objects.all(), per_page)
        paginator.__dict__["count"] = count  # the cached_property's value, known without asking the database
        return Page(rows, wanted, paginator)
    page = Paginator(Product.objects.all(), per_page).page(number)  # EmptyPage past the end: nothing is kept
    page.object_list = list(page.object_list)
    cache.set(key, (page.object_list, page.paginator.count), timeout=TIMEOUT)
    return page


def product_get(pk: int) -> Product | None:
    """`Product.objects.filter(pk=pk).first()`, kept in the cache."""
    if not cache_on():
        return Product.objects.filter(pk=pk).first()
    key = _key(f"product:{pk}", product_tag(pk))
    product = cache.get(key)
    if product is None:
        product = Product.objects.filter(pk=pk).first()
        if product is not None:
            cache.set(key, product, timeout=TIMEOUT)
    return product


def products_changed(*pks: int) -> None:
    """Whatever shows these products (their pages and every page of the catalog) is read afresh."""
    tags = (LIST, *map(product_tag, pks))
    _replace(tags)
    transaction.on_commit(lambda: _replace(tags))


def product_changed(*, instance: Product, **kwargs: Any) -> None:
    """Product's post_save and post_delete (monolith/apps.py)."""
    products_changed(instance.pk)


def _key(name: str, tag: str) -> str:
    version_key = f"monolith-cache:tag:{tag}"
    version = cache.get(version_key)
    if version is None:
        version = secrets.token_hex(8)
        version = version if cache.add(version_key, version, timeout=None) else cache.get(version_key, version)
    return f"monolith-cache:{version}:{name}"


def _replace(tags: tuple[str, ...]) -> None:
    cache.set_many({f"monolith-cache:tag:{tag}": secrets.token_hex(8) for tag in tags}, timeout=None)
