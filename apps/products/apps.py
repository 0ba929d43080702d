"""The products remote's entry: what it exposes and which shared packages it needs."""

# Import the module, not the class: Django picks the one AppConfig subclass defined here.
from federation import remote


class ProductsConfig(remote.RemoteConfig):
    name = "apps.products"
    label = "products"
    verbose_name = "Products (remote)"

    exposes = {
        "ProductList": "apps.products.components.product_list",
        "ProductDetail": "apps.products.components.product_detail",
    }
    stylesheets = ["products/products.css"]
    shared = {
        "api": remote.Shared(required_version=">=1.0,<2"),
        "shared_store": remote.Shared(required_version=">=1.0,<2"),
    }
