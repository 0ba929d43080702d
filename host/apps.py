"""App config of the host (its templates, static files, checks and commands)."""

from django.apps import AppConfig


class HostConfig(AppConfig):
    name = "host"
    verbose_name = "Host"

    def ready(self) -> None:
        from host import checks, inspector  # noqa: F401  (registers the federation checks and the inspector)
