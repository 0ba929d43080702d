"""App config of the shared store (its model for the database backend, and its version checks)."""

from django.apps import AppConfig


class SharedStoreConfig(AppConfig):
    name = "shared_store"
    verbose_name = "Shared store"

    def ready(self) -> None:
        from shared_store import checks  # noqa: F401  (registers the version checks)
