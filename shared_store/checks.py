"""System checks: every app's required version of each shared package is the installed one (the singleton pin)."""

from collections.abc import Sequence
from importlib import import_module
from typing import Any

from django.apps import AppConfig, apps
from django.core import checks
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from federation.remote import RemoteConfig


def installed_version(package: str) -> Version | None:
    """The `__version__` of an importable shared package, or None if it is not importable."""
    try:
        return Version(import_module(package).__version__)
    except (ImportError, AttributeError):
        return None


@checks.register("shared_store")
def check_shared_versions(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Error for a strict requirement that is not met (Module Federation's strictVersion), warning otherwise."""
    messages: list[checks.CheckMessage] = []
    for config in app_configs or apps.get_app_configs():
        if not isinstance(config, RemoteConfig):
            continue
        for package, shared in config.shared.items():
            try:
                wanted = SpecifierSet(shared.required_version)
            except InvalidSpecifier:
                messages.append(checks.Error(
                    f"{config.name} declares an invalid version range {shared.required_version!r} for {package}.",
                    obj=config, id="shared_store.E002",
                ))  # fmt: skip
                continue
            installed = installed_version(package)
            if installed is not None and installed in wanted:
                continue
            found = f"version {installed} is installed" if installed else "it is not installed"
            text = f"{config.name} requires {package} {wanted} but {found}."
            hint = f"Pin one {package} version for every app: a shared singleton cannot have two versions."
            if shared.strict_version:
                messages.append(checks.Error(text, hint=hint, obj=config, id="shared_store.E001"))
            else:
                messages.append(checks.Warning(text, hint=hint, obj=config, id="shared_store.W001"))
    return messages
