"""App config of the backend API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Shop API"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from api.models import Product
        from api.pagination import catalog_changed

        post_save.connect(catalog_changed, sender=Product, dispatch_uid="api.catalog_changed.save")
        post_delete.connect(catalog_changed, sender=Product, dispatch_uid="api.catalog_changed.delete")
