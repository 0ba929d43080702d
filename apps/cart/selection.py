"""The cart's local state: which lines are selected for checkout. Only this app reads or writes it.

It lives in the cart's own namespace of the session, not in the shared store ("share as little as possible").
Deselected ids are kept, so a line added later starts selected.
"""

from collections.abc import Iterable

from django.http import HttpRequest

SESSION_KEY = "cart.deselected"


def deselected_ids(request: HttpRequest) -> set[int]:
    return set(request.session.get(SESSION_KEY, []))


def selection_set(request: HttpRequest, *, line_ids: Iterable[int], selected_ids: Iterable[int]) -> None:
    """Record the selection among the current lines."""
    selected = set(selected_ids)
    request.session[SESSION_KEY] = sorted(set(line_ids) - selected)
