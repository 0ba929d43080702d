"""A feature's settings dict read over its defaults, the way DRF reads REST_FRAMEWORK (`rest_framework.settings`)."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed


class FeatureSettings:
    """One settings dict (SHARED_STORE, API_CLIENT…) over the defaults its feature declares beside it:

        store_settings = FeatureSettings("SHARED_STORE", DEFAULTS)
        store_settings.BACKEND  # the project's value, else the default

    The defaults list every key: reading one they do not list is an AttributeError, so a misspelt name fails at
    once. The project's dict is read on first use and again after `setting_changed` (the `settings` fixture and
    `override_settings` send it), like DRF's `api_settings`.
    """

    def __init__(self, setting: str, defaults: Mapping[str, Any]) -> None:
        self.setting = setting
        self.defaults = defaults
        self._values: dict[str, Any] | None = None
        setting_changed.connect(self._on_setting_changed)

    def __getattr__(self, key: str) -> Any:
        if key not in self.defaults:
            raise AttributeError(f"{self.setting} has no key {key!r}: its keys are {', '.join(self.defaults)}.")
        if self._values is None:
            self._values = {**self.defaults, **getattr(settings, self.setting, {})}
        return self._values[key]

    def reload(self) -> None:
        """Forget what was read: the next read takes the project's dict again."""
        self._values = None

    def _on_setting_changed(self, *, setting: str, **kwargs: Any) -> None:
        if setting == self.setting:
            self.reload()
