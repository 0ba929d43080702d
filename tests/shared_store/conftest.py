"""Fixtures of the shared store's tests."""

from collections.abc import Iterator

import pytest

from shared_store.actions import Action
from shared_store.signals import action_dispatched


@pytest.fixture
def dispatched() -> Iterator[list[Action]]:
    """Every action dispatched from now on, in order, as the `action_dispatched` signal reports them."""
    seen: list[Action] = []

    def record(*, action: Action, **kwargs: object) -> None:
        seen.append(action)

    action_dispatched.connect(record)
    yield seen
    action_dispatched.disconnect(record)
