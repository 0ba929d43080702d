"""System checks of the host's federation setup: every mounted remote and exposed component loads."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from host.mount import component
from host.registry import remotes


@checks.register("federation")
def check_remotes(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Report remotes that are not installed and exposed components that do not load."""
    try:
        mounted = remotes()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), hint="Add the app to INSTALLED_APPS.", id="federation.E001")]
    errors: list[checks.CheckMessage] = []
    for remote in mounted.values():
        if remote.config is None:
            continue  # served by its own server: its manifest is checked when it arrives (host/over_http/)
        for name in remote.config.exposes:
            try:
                component(f"{remote.name}/{name}")
            except (ImproperlyConfigured, ImportError) as exc:
                errors.append(checks.Error(str(exc), obj=remote.config, id="federation.E002"))
    return errors
