"""The cart remote's entry: what it exposes and which shared packages it needs."""

# Import the module, not the class: Django picks the one AppConfig subclass defined here.
from federation import remote


class CartConfig(remote.RemoteConfig):
    name = "apps.cart"
    label = "cart"
    verbose_name = "Cart (remote)"

    exposes = {
        "Bag": "apps.cart.components.bag",
        "CartBadge": "apps.cart.components.cart_badge",
    }
    # Per component: the badge is on every page, the bag's larger stylesheet only where the bag is.
    stylesheets = {"Bag": ["cart/cart.css"], "CartBadge": ["cart/badge.css"]}
    shared = {
        "api": remote.Shared(required_version=">=1.0,<2"),
        "shared_store": remote.Shared(required_version=">=1.0,<2"),
    }
