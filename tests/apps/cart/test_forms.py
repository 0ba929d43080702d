"""Input the cart accepts (apps/cart/forms.py): the ticked product ids."""

import pytest
from django.core.exceptions import ValidationError

from apps.cart.forms import ProductIdsField
from config.ids import MAX_ID


def test_every_id_the_database_can_hold_is_read() -> None:
    assert ProductIdsField().clean(["3", str(MAX_ID)]) == {3, MAX_ID}


@pytest.mark.parametrize("value", [str(MAX_ID + 1), "1" * 20, "²", "-3", ""])
def test_what_is_no_id_is_one_clear_error(value: str) -> None:
    with pytest.raises(ValidationError, match="could not be read"):
        ProductIdsField().clean([value])
