"""Input the cart remote accepts."""

from django import forms

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
