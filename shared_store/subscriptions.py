"""Components declare the slices they select, so a host can re-render them when those slices change."""

from collections.abc import Callable
from typing import TypeVar

from federation.components import SUBSCRIPTIONS_ATTRIBUTE, subscriptions_of
from shared_store.slices import SLICES

__all__ = ["subscribe", "subscriptions_of"]

F = TypeVar("F", bound=Callable[..., object])


def subscribe(*slice_names: str) -> Callable[[F], F]:
    """Mark a component as selecting `slice_names`: `@subscribe("cart")`."""
    unknown = set(slice_names) - set(SLICES)
    if unknown or not slice_names:
        raise ValueError(f"Subscribe to one or more of {sorted(SLICES)}, not {sorted(unknown) or 'nothing'}.")

    def mark(component: F) -> F:
        setattr(component, SUBSCRIPTIONS_ATTRIBUTE, frozenset(slice_names))
        return component

    return mark
