"""App config of the federation runtime (ships the standalone shell template)."""

from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = "Federation runtime"
