"""The cart's local state: which lines are selected for checkout. Only this app reads or writes it.

It lives in the cart's own namespace of the session, not in the shared store ("share as little as possible").
Deselected ids are kept, so a line added later starts selected. So are the lines last handed over to payment:
once none of them is in the bag any more (they were bought), the lines left are the next purchase, and start
selected again.
"""

from collections.abc import Iterable

from django.http import HttpRequest

SESSION_KEY = "cart.deselected"
HANDED_OVER_KEY = "cart.handed_over"


def deselected_ids(request: HttpRequest) -> set[int]:
    return set(request.session.get(SESSION_KEY, []))


def selection_set(request: HttpRequest, *, line_ids: Iterable[int], selected_ids: Iterable[int]) -> None:
    """Record the selection among the current lines."""
    selected = set(selected_ids)
    request.session[SESSION_KEY] = sorted(set(line_ids) - selected)


def handed_over(request: HttpRequest, *, line_ids: Iterable[int]) -> None:
    """Remember the lines just handed over to payment."""
    request.session[HANDED_OVER_KEY] = sorted(line_ids)


def selection_refresh(request: HttpRequest, *, line_ids: Iterable[int]) -> None:
    """Select every line again once the lines handed over to payment have all left the bag (they were bought)."""
    handed = request.session.get(HANDED_OVER_KEY)
    if handed and not set(handed) & set(line_ids):
        del request.session[HANDED_OVER_KEY]
        request.session.pop(SESSION_KEY, None)
