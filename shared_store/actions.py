"""Actions: frozen dataclasses with a `type` like "cart/addItem", the only way to ask for a change."""

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, ClassVar

MASK = "••••••"


@dataclass(frozen=True, kw_only=True)
class Action:
    """Base of every action; subclasses set `type` and declare their payload as fields."""

    type: ClassVar[str]
    secret_fields: ClassVar[frozenset[str]] = frozenset()
    """Payload fields never shown in full (tokens): `as_dict` masks them."""

    @property
    def slice_name(self) -> str:
        """The slice the action changes, e.g. "cart" for "cart/addItem": the store writes it to that slice's owner."""
        return self.type.partition("/")[0]

    def as_dict(self) -> dict[str, Any]:
        """The action as JSON-ready data for logs and the inspector, with secret fields masked."""
        payload = {
            key: MASK if key in self.secret_fields else str(value) if isinstance(value, Decimal) else value
            for key, value in asdict(self).items()
        }
        return {"type": self.type, "payload": payload}


class ActionRejected(Exception):
    """A reducer refused the action (e.g. more than the stock); nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
