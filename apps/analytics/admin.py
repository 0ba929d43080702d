"""The recorded events, viewable (not editable) in the admin."""

from django.contrib import admin
from django.http import HttpRequest

from apps.analytics.models import AnalyticsEvent


@admin.register(AnalyticsEvent)
class AnalyticsEventAdmin(admin.ModelAdmin):
    list_display = ["name", "path", "payload", "created_at"]
    list_filter = ["name"]
    readonly_fields = ["name", "payload", "path", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:  # events come from browsers only
        return False
