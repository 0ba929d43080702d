"""Pagination of list endpoints."""

import hashlib
from collections.abc import Sequence
from functools import cached_property, partial
from typing import Any, cast

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Func, IntegerField, QuerySet, Subquery, Value
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.views import APIView

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
    """The paginator above, with a full list's total kept in the cache, per query and catalog version; when the
    cache has none, the total is read in the page's own query (a subquery), not in a COUNT of its own."""

    def __init__(self, object_list: Any, per_page: int, *, list_key: str | None = None, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.list_key = list_key
        """What names the list (e.g. its view and filters); without one, its SQL does (compiled to be named)."""

    @cached_property
    def _cache_key(self) -> str | None:
        name = self.list_key
        if name is None:
            query = getattr(self.object_list, "query", None)
            if query is None:
                return None
            name = str(query)
        version = cache.get_or_set(_VERSION_KEY, 1, timeout=None)
        return f"api:count:{version}:{hashlib.sha256(name.encode()).hexdigest()}"

    @cached_property
    def count(self) -> int:
        key = self._cache_key
        if key is None:
            return super().count

        def counted() -> int:
            return super(CachedCountPaginator, self).count

        # The cache holds what counted() returned: an int.
        return cast(int, cache.get_or_set(key, counted, timeout=COUNT_SECONDS))

    def page(self, number: int | str) -> Page:
        key = self._cache_key
        if key is None or "count" in self.__dict__:
            return super().page(number)
        if (known := cache.get(key)) is not None:
            self.__dict__["count"] = known
            return super().page(number)
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            return super().page(number)  # PageNotAnInteger, as Django says it
        rows_of = self.object_list
        if wanted < 1 or not isinstance(rows_of, QuerySet):
            return super().page(number)
        # The page and, in the same query, the total: a scalar subquery the database runs once.
        total = Subquery(
            rows_of.order_by().annotate(n=Func(Value(1), function="COUNT", output_field=IntegerField())).values("n")[:1]
        )
        bottom = (wanted - 1) * self.per_page
        rows = list(rows_of.annotate(_mfe_total=total)[bottom : bottom + self.per_page])
        if not rows:
            return super().page(number)  # past the end (or an empty list): Django's own answer
        self.__dict__["count"] = rows[0]._mfe_total
        cache.set(key, self.count, timeout=COUNT_SECONDS)
        return Page(rows, self.validate_number(wanted), self)


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
    django_paginator_class: type[Paginator] = ShortListPaginator


class CatalogPagination(PageNumberWithSize):
    """The catalog's: its totals cached (a visitor's own lists, such as orders, always count afresh)."""

    django_paginator_class = CachedCountPaginator

    def paginate_queryset(
        self, queryset: QuerySet[Any, Any] | Sequence[Any], request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        # The list is named by its view and what narrows it (its filters; not the page): compiling its SQL only
        # to name its cached total costs more than reading the total from the cache.
        narrowing = sorted(
            (key, value)
            for key, value in request.query_params.lists()
            if key not in {self.page_query_param, self.page_size_query_param}
        )
        list_key = f"{type(view).__module__}.{type(view).__qualname__}:{narrowing}"
        # DRF builds the paginator from this attribute with (queryset, page size): give it the list's name too.
        self.django_paginator_class = partial(CachedCountPaginator, list_key=list_key)  # type: ignore[assignment]
        return super().paginate_queryset(queryset, request, view)
