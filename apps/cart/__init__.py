"""The cart remote: the bag page (and, with the shared store, the cart badge)."""
