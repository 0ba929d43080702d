"""A failed Pay without JavaScript, kept for the payment page it redirects to and read there once.

Like the handoff, a message for the next page that is gone once read: the shopper's name and expiry, the
field errors and what went wrong, in the payment app's namespace of the session. Never the card number or CVC.
"""

from dataclasses import asdict, dataclass, field

from django.http import HttpRequest

from apps.payment.forms import CardForm

SESSION_KEY = "payment.retry"


@dataclass(frozen=True)
class Retry:
    """What the payment page shows again after a failed Pay; `key` is the checkout it was for."""

    key: str
    kept: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None

    def form(self) -> CardForm:
        return CardForm.shown_again(key=self.key, kept=self.kept, errors=self.errors)


def retry_keep(request: HttpRequest, retry: Retry) -> None:
    """Leave the failed Pay for the next render of the payment page, replacing any earlier one."""
    request.session[SESSION_KEY] = asdict(retry)


def retry_take(request: HttpRequest, key: str) -> Retry | None:
    """The failed Pay of the checkout with this key, forgotten as it is read; None if there is none."""
    saved = request.session.pop(SESSION_KEY, None)
    if not isinstance(saved, dict) or saved.get("key") != key:
        return None  # none, or one of a checkout since replaced: it says nothing about this one
    return Retry(**saved)
