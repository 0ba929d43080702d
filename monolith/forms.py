"""The monolith's forms: quantities, the lines to pay for, and the card."""

import re
from datetime import date

from django import forms
from django.utils import timezone

from monolith.cart import MAX_QUANTITY


class AddToCartForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=1,
        max_value=MAX_QUANTITY,
        initial=1,
        error_messages={
            "required": "Choose how many to add.",
            "invalid": "Enter the quantity as a whole number, e.g. 2.",
            "min_value": "Choose a quantity of at least 1.",
            "max_value": f"You can add at most {MAX_QUANTITY} at a time.",
        },
    )


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=1,
        max_value=MAX_QUANTITY,
        error_messages={
            "required": "Enter a quantity.",
            "invalid": "Enter the quantity as a whole number, e.g. 2.",
            "min_value": "Choose a quantity of at least 1, or remove the line.",
            "max_value": f"You can have at most {MAX_QUANTITY} of one product in your bag.",
        },
    )


class SelectionForm(forms.Form):
    """The bag's ticked lines, as product ids (the caller ignores any no longer in the bag: a stale page)."""

    # Several values under one name (checkboxes): a list, each of ASCII digits ("²".isdigit() is true) and few.
    selected = forms.Field(required=False, widget=forms.MultipleHiddenInput)

    def clean_selected(self) -> set[int]:
        values = self.cleaned_data["selected"] or []
        if not all(isinstance(value, str) and re.fullmatch(r"[0-9]{1,18}", value) for value in values):
            raise forms.ValidationError("That selection could not be read. Reload your bag and choose again.")
        return {int(value) for value in values}


class NotShownAgain(forms.TextInput):
    """A text box that never sends back what was typed in it: a card number or CVC stays out of the page."""

    def format_value(self, value: object) -> None:
        return None


class CardForm(forms.Form):
    """The card, checked as a card provider would check it (the simulated one is in views.place_order); `key`
    names the checkout it pays for (views.checkout_key), so that paying it twice places one order."""

    key = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label="Name on card",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "cc-name", "autocapitalize": "words", "spellcheck": "false"}),
    )
    number = forms.CharField(
        label="Card number",
        max_length=30,
        widget=NotShownAgain(attrs={"inputmode": "numeric", "autocomplete": "cc-number", "spellcheck": "false"}),
    )
    # Not inputmode="numeric": some phone keypads then have no "/".
    expiry = forms.CharField(
        label="Expiry (MM/YY)",
        max_length=5,
        widget=forms.TextInput(attrs={"autocomplete": "cc-exp", "placeholder": "MM/YY", "spellcheck": "false"}),
    )
    cvc = forms.CharField(
        label="CVC",
        max_length=4,
        widget=NotShownAgain(attrs={"inputmode": "numeric", "autocomplete": "cc-csc", "spellcheck": "false"}),
    )

    def clean_number(self) -> str:
        number = "".join(self.cleaned_data["number"].split())
        if not re.fullmatch(r"[0-9]{12,19}", number):  # ASCII digits: str.isdigit() also accepts "²"
            raise forms.ValidationError("Enter the card number's digits.")
        if not luhn_valid(number):
            raise forms.ValidationError("That card number is not valid.")
        return number

    def clean_expiry(self) -> str:
        expiry = self.cleaned_data["expiry"]
        if not re.fullmatch(r"(0[1-9]|1[0-2])/[0-9]{2}", expiry):
            raise forms.ValidationError("Use MM/YY.")
        month, year = (int(part) for part in expiry.split("/"))
        today = timezone.localdate()
        if date(2000 + year, month, 1) < today.replace(day=1):
            raise forms.ValidationError("That card has expired.")
        return expiry

    def clean_cvc(self) -> str:
        cvc = self.cleaned_data["cvc"]
        if not re.fullmatch(r"[0-9]{3,4}", cvc):
            raise forms.ValidationError("Enter the 3 or 4 digits.")
        return cvc


def luhn_valid(number: str) -> bool:
    """The check digit every card number ends with."""
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0
