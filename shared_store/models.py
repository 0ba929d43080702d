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


class Handoff(models.Model):
    """A one-time message from one app to another for the same visitor (the article's sessionStorage)."""

    store_id = models.CharField(max_length=64, db_index=True)
    channel = models.CharField(max_length=64)
    payload = models.TextField(help_text="Signed JSON: any change to it is detected when it is read.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    consumed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["store_id", "channel", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.channel} for {self.store_id}"
