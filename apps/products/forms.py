"""Input the products remote accepts."""

from django import forms

from shared_store.slices.cart import MAX_LINE_QUANTITY


class AddToCartForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=1,
        max_value=MAX_LINE_QUANTITY,
        initial=1,
        error_messages={
            "required": "Choose how many to add.",
            "invalid": "Enter the quantity as a whole number, e.g. 2.",
            "min_value": "Choose a quantity of at least 1.",
            "max_value": f"You can add at most {MAX_LINE_QUANTITY} at a time.",
        },
    )
