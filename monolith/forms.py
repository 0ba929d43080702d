"""The monolith's forms: quantities and the card."""

import re

from django import forms

from monolith.cart import MAX_QUANTITY


class AddToCartForm(forms.Form):
    quantity = forms.IntegerField(min_value=1, max_value=MAX_QUANTITY, initial=1)


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=MAX_QUANTITY, help_text="0 removes the line.")


class CheckoutForm(forms.Form):
    card_number = forms.CharField(max_length=23, help_text="Test card: 4242 4242 4242 4242.")

    def clean_card_number(self) -> str:
        number = self.cleaned_data["card_number"].replace(" ", "").replace("-", "")
        if not re.fullmatch(r"[0-9]{12,19}", number):  # ASCII digits: str.isdigit() also accepts "²"
            raise forms.ValidationError("Enter a card number: 12 to 19 digits.")
        return number
