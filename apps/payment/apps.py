"""The payment remote's entry: what it exposes and which shared packages it needs."""

# Import the module, not the class: Django picks the one AppConfig subclass defined here.
from federation import remote


class PaymentConfig(remote.RemoteConfig):
    name = "apps.payment"
    label = "payment"
    verbose_name = "Payment (remote)"

    exposes = {
        "Payment": "apps.payment.components.payment",
        "Orders": "apps.payment.components.orders",
        "Thanks": "apps.payment.components.thanks",
        "Order": "apps.payment.components.order",
    }
    stylesheets = ["payment/payment.css"]
    shared = {
        "api": remote.Shared(required_version=">=1.0,<2"),
        "shared_store": remote.Shared(required_version=">=1.0,<2"),
    }
