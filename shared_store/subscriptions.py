"""Components declare the slices they select, so a host can re-render them when those slices change."""

from collections.abc import Callable
from typing import TypeVar

from shared_store.slices import SLICES

F = TypeVar("F", bound=Callable[..., object])


def subscribe(*slice_names: str) -> Callable[[F], F]:
    """Mark a component as selecting `slice_names`: `@subscribe("cart")`."""
    unknown = set(slice_names) - set(SLICES)
    if unknown or not slice_names:
        raise ValueError(f"Subscribe to one or more of {sorted(SLICES)}, not {sorted(unknown) or 'nothing'}.")

    def mark(component: F) -> F:
        component.store_subscriptions = frozenset(slice_names)  # type: ignore[attr-defined]
        return component

    return mark


def subscriptions_of(component: Callable[..., object]) -> frozenset[str]:
    """The slices a component subscribes to (empty if none)."""
    return getattr(component, "store_subscriptions", frozenset())
