"""App config of the federation runtime (ships the standalone shell template and the remotes' checks)."""

from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = "Federation runtime"

    def ready(self) -> None:
        from federation import checks  # noqa: F401  (registers its system checks)
