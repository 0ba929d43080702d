"""What the analytics remote keeps: one row per event a browser reported."""

from django.db import models


class AnalyticsEvent(models.Model):
    name = models.CharField(max_length=64, db_index=True)
    payload = models.JSONField(default=dict)
    path = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} at {self.created_at:%Y-%m-%d %H:%M:%S}"
