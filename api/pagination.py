"""Pagination of list endpoints."""

import hashlib
from functools import cached_property
from typing import cast

from django.core.cache import cache
from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination

# How long a list's total may be reused. COUNT(*) reads every matching row, so it grows with the catalog while
# the page itself does not; "page 1 of N" a few seconds out of date is a fair price. Changes to products made
# through the ORM start afresh at once (catalog_changed); the timeout bounds what other processes may miss.
COUNT_SECONDS = 30
_VERSION_KEY = "api:catalog-version"


class CachedCountPaginator(Paginator):
    """Django's paginator with its total kept in the cache, per query and catalog version."""

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        version = cache.get_or_set(_VERSION_KEY, 1, timeout=None)
        key = f"api:count:{version}:{hashlib.sha256(str(query).encode()).hexdigest()}"

        def counted() -> int:
            return super(CachedCountPaginator, self).count

        # The cache holds what counted() returned: an int.
        return cast(int, cache.get_or_set(key, counted, timeout=COUNT_SECONDS))


def catalog_changed(**kwargs: object) -> None:
    """Forget every cached catalog total (connected to Product's post_save and post_delete)."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, timeout=None)


class PageNumberWithSize(PageNumberPagination):
    """`?page=N`, and `?page_size=M` (at most 100) for clients that fetch a known set at once."""

    page_size = 24
    page_size_query_param = "page_size"
    max_page_size = 100


class CatalogPagination(PageNumberWithSize):
    """The catalog's: its totals cached (a visitor's own lists, such as orders, always count afresh)."""

    django_paginator_class = CachedCountPaginator
