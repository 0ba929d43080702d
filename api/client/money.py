"""How the shop writes an amount of money; the API owns prices, so every client formats them the same way."""

from decimal import Decimal

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def money(amount: Decimal, currency: str) -> str:
    """€12.50, $3.00, or 12.50 CHF for a currency without a symbol here."""
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{amount:,.2f}" if symbol else f"{amount:,.2f} {currency}"
