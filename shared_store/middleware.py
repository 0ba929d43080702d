"""Puts the visitor's store on the request as `request.store` (after SessionMiddleware)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from shared_store.store import get_store


class StoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.store = SimpleLazyObject(lambda: get_store(request))
        return self.get_response(request)
