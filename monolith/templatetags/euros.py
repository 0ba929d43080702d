"""`{{ amount|euros }}`: how the shop writes a price (€1,234.50), in its templates and in its messages alike."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def euros(amount: Decimal) -> str:
    return f"€{amount:,.2f}"
