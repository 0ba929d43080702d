"""The payment remote: the checkout payment page."""
