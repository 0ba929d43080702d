"""Template context every component's template gets, worked out once per request."""

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject

from federation.context import request_context


def csrf(request: HttpRequest) -> dict[str, object]:
    """`csrf_token`, masked once per request rather than once per template.

    Each component renders its own template, and each template runs the context processors again: Django's own
    `csrf` masks a fresh token every time (thirty-two random choices), which on a composed page cost more than
    rendering some of the components. One masked token serves a whole response, as it does a monolith's single
    template. It is masked again if the secret changes within the request (a login rotates it).
    """

    def token() -> str:
        found = request_context(request)
        secret = request.META.get("CSRF_COOKIE")
        if secret is None or found.csrf_token is None or found.csrf_token[0] != secret:
            masked = get_token(request)
            found.csrf_token = (request.META["CSRF_COOKIE"], masked)
        return found.csrf_token[1]

    # Listed after Django's built-in csrf processor, so this `csrf_token` is the one templates see.
    return {"csrf_token": SimpleLazyObject(token)}
