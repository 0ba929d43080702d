"""Pagination of list endpoints."""

from rest_framework.pagination import PageNumberPagination


class PageNumberWithSize(PageNumberPagination):
    """`?page=N`, and `?page_size=M` (at most 100) for clients that fetch a known set at once."""

    page_size = 24
    page_size_query_param = "page_size"
    max_page_size = 100
