"""Query filters of the catalog endpoints."""

from django import forms
from django_filters import rest_framework as filters

from api.models import Product
from config.ids import MAX_ID

MAX_IDS = 100


class IdsForm(forms.Form):
    def clean_ids(self) -> list[int] | None:
        ids = self.cleaned_data.get("ids")
        if ids and len(ids) > MAX_IDS:
            raise forms.ValidationError(f"Ask for at most {MAX_IDS} product ids at a time.")
        return ids


class IdsFilter(filters.BaseInFilter, filters.Filter):
    """A comma-separated list of whole-number ids."""

    field_class = forms.IntegerField


class ProductFilter(filters.FilterSet):
    ids = IdsFilter(
        field_name="id",
        min_value=1,
        max_value=MAX_ID,
        help_text=f"Comma-separated product ids, e.g. `3,7,12` (at most {MAX_IDS}).",
        error_messages={
            "invalid": "Give product ids as whole numbers separated by commas, e.g. 3,7,12.",
            "min_value": "Product ids start at 1.",
            "max_value": "That is not a product id: it is too large.",
        },
    )

    class Meta:
        model = Product
        fields = ["ids"]
        form = IdsForm
