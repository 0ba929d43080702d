"""The monolith is an ordinary Django app: no RemoteConfig, nothing exposed, nothing shared."""

from django.apps import AppConfig


class MonolithConfig(AppConfig):
    name = "monolith"
    verbose_name = "Monolith (the shop before the split)"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from monolith.caching import product_changed
        from monolith.models import Product

        post_save.connect(product_changed, sender=Product, dispatch_uid="monolith.product_changed.save")
        post_delete.connect(product_changed, sender=Product, dispatch_uid="monolith.product_changed.delete")
