"""App config of the backend API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Shop API"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from api.models import Product
        from api.pagination import catalog_changed
        from api.services import product_changed

        post_save.connect(catalog_changed, sender=Product, dispatch_uid="api.catalog_changed.save")
        post_delete.connect(catalog_changed, sender=Product, dispatch_uid="api.catalog_changed.delete")
        # The shared client's cached answers (api/client/cache.py): a save in the admin, a product created or deleted.
        post_save.connect(product_changed, sender=Product, dispatch_uid="api.product_changed.save")
        post_delete.connect(product_changed, sender=Product, dispatch_uid="api.product_changed.delete")
