"""Storage of the database backend: one row per visitor store."""

from django.db import models


class StoreRecord(models.Model):
    """A visitor's whole store state, as JSON."""

    store_id = models.CharField(max_length=64, primary_key=True)
    state = models.JSONField(default=dict)
    version = models.PositiveBigIntegerField(default=0, help_text="How many actions changed this store.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "visitor store"

    def __str__(self) -> str:
        return self.store_id
