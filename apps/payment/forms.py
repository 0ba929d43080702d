"""The card form; the API checks the card itself (one place for the rules), this only shapes the input."""

from collections.abc import Mapping, Sequence
from typing import Self, cast

from django import forms

KEPT_FIELDS = ("name", "expiry")
"""What a failed Pay may show again; the card number and CVC never go back to the browser."""


class CardForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(
        label="Name on card",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "cc-name", "autocapitalize": "words", "spellcheck": "false"}),
    )
    number = forms.CharField(
        label="Card number",
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "cc-number", "spellcheck": "false"}),
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
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "cc-csc", "spellcheck": "false"}),
    )

    @classmethod
    def shown_again(cls, *, key: str, kept: Mapping[str, str], errors: Mapping[str, Sequence[str]]) -> Self:
        """The form after a failed Pay: the kept fields filled in, and only the given errors on their fields."""
        form = cls(data={"key": key, **{field: kept.get(field, "") for field in KEPT_FIELDS}})
        form.errors.clear()  # its own "required" for the card number and CVC, which are blank on purpose
        for field, messages in errors.items():
            if field in form.fields:
                form.add_error(field, list(messages))
        return form

    def kept(self) -> dict[str, str]:
        """What the shopper typed that may be shown again, no longer than its field allows (it goes in the session)."""
        # The kept fields are all CharFields (declared above), so each has a max_length.
        lengths = {field: cast(forms.CharField, self.fields[field]).max_length for field in KEPT_FIELDS}
        return {field: str(self.data.get(field, ""))[:length] for field, length in lengths.items()}

    def field_errors(self) -> dict[str, list[str]]:
        """The messages on the visible fields (the hidden key's are the caller's to explain)."""
        visible = {field.name for field in self.visible_fields()}
        # str(): an ErrorList hands out its messages as strings, lazy ones included.
        return {
            field: [str(message) for message in messages] for field, messages in self.errors.items() if field in visible
        }

    def clean_number(self) -> str:
        return "".join(self.cleaned_data["number"].split())

    def card(self) -> dict[str, str]:
        return {field: self.cleaned_data[field] for field in ("number", "expiry", "cvc")}
