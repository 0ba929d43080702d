"""The card form; the API checks the card itself (one place for the rules), this only shapes the input."""

from django import forms


class CardForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label="Name on card", max_length=100)
    number = forms.CharField(
        label="Card number",
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "cc-number"}),
    )
    expiry = forms.CharField(
        label="Expiry (MM/YY)",
        max_length=5,
        widget=forms.TextInput(attrs={"autocomplete": "cc-exp", "placeholder": "MM/YY"}),
    )
    cvc = forms.CharField(label="CVC", max_length=4,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "cc-csc"}))  # fmt: skip

    def clean_number(self) -> str:
        return "".join(self.cleaned_data["number"].split())

    def card(self) -> dict[str, str]:
        return {field: self.cleaned_data[field] for field in ("number", "expiry", "cvc")}
