"""Template context every component's template gets, worked out once per request."""

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject

MASKED = "mfe.csrf_masked"
"""Where the masked token is kept for the request: beside the secret Django keeps in META, with that secret."""


def csrf(request: HttpRequest) -> dict[str, object]:
    """`csrf_token`, masked once per request rather than once per template.

    Each component renders its own template, and each template runs the context processors again: Django's own
    `csrf` masks a fresh token every time (thirty-two random choices), which on a composed page cost more than
    rendering some of the components. One masked token serves a whole response, as it does a monolith's single
    template. It is masked again if the secret changes within the request (a login rotates it).
    """

    def token() -> str:
        kept = request.META.get(MASKED)
        if kept is None or kept[0] != request.META.get("CSRF_COOKIE"):
            masked = get_token(request)  # makes the secret (META["CSRF_COOKIE"]) if there was none
            kept = request.META[MASKED] = (request.META["CSRF_COOKIE"], masked)
        return kept[1]

    # Listed after Django's built-in csrf processor, so this `csrf_token` is the one templates see.
    return {"csrf_token": SimpleLazyObject(token)}
