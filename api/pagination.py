"""Pagination of list endpoints."""

import hashlib
from functools import cached_property
from typing import cast

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from rest_framework.pagination import PageNumberPagination

# How long a list's total may be reused. COUNT(*) reads every matching row, so it grows with the catalog while
# the page itself does not; "page 1 of N" a few seconds out of date is a fair price. Changes to products made
# through the ORM start afresh at once (catalog_changed); the timeout bounds what other processes may miss.
COUNT_SECONDS = 30
_VERSION_KEY = "api:catalog-version"


class ShortListPaginator(Paginator):
    """Django's paginator, without its COUNT(*) when the first page holds the whole list.

    The first page is read with one row more than it shows: if that row is not there, the page is the whole list
    and its length the total. A bag's products asked for by id, or a visitor's few orders, then cost one query
    rather than two.
    """

    def page(self, number: int | str) -> Page:
        if str(number) != "1" or self.orphans or "count" in self.__dict__:
            return super().page(number)
        # One row more than a page says whether there is more than a page.
        rows = list(self.object_list[: self.per_page + 1])
        if not rows and not self.allow_empty_first_page:
            return super().page(number)  # EmptyPage, as Django says it
        if len(rows) <= self.per_page:
            self.__dict__["count"] = len(rows)  # the cached_property's value, known without asking the database
        return Page(rows[: self.per_page], 1, self)


class CachedCountPaginator(ShortListPaginator):
    """The paginator above, with a full list's total kept in the cache, per query and catalog version."""

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
    django_paginator_class = ShortListPaginator


class CatalogPagination(PageNumberWithSize):
    """The catalog's: its totals cached (a visitor's own lists, such as orders, always count afresh)."""

    django_paginator_class = CachedCountPaginator
