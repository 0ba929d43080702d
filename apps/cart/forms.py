"""Input the cart remote accepts."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from config.ids import ID_PATTERN, MAX_ID
from shared_store.slices.cart import MAX_LINE_QUANTITY


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=1,
        max_value=MAX_LINE_QUANTITY,
        error_messages={
            "required": "Enter a quantity.",
            "invalid": "Enter the quantity as a whole number, e.g. 2.",
            "min_value": "Choose a quantity of at least 1, or remove the line.",
            "max_value": f"You can have at most {MAX_LINE_QUANTITY} of one product in your bag.",
        },
    )


# A product id as the checkboxes send it: ASCII digits ("²".isdigit() is true), no more than an id can have.
PRODUCT_ID = re.compile(ID_PATTERN)


class ProductIdsField(forms.Field):
    """Several product ids from one name (checkboxes): a set of ints, or one clear error."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": "That selection could not be read. Reload your bag and choose again."}

    def to_python(self, value: list[str] | None) -> set[int]:
        values = value or []
        if not all(isinstance(item, str) and PRODUCT_ID.fullmatch(item) and int(item) <= MAX_ID for item in values):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return {int(item) for item in values}


class SelectionForm(forms.Form):
    """The ticked lines. Ids that are not in the bag (from a stale page) are ignored by the caller."""

    # With every box unticked a form sends no `selected` at all: this field, always sent by the bag's form, says
    # that the post carries a selection (all unticked), not that it has none to give.
    MARKER = "selection"

    selected = ProductIdsField(required=False)

    @classmethod
    def sent_with(cls, data: QueryDict) -> bool:
        """Whether a post carries the bag's selection."""
        return cls.MARKER in data
