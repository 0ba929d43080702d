"""The monolith is an ordinary Django app: no RemoteConfig, nothing exposed, nothing shared."""

from django.apps import AppConfig


class MonolithConfig(AppConfig):
    name = "monolith"
    verbose_name = "Monolith (the shop before the split)"
