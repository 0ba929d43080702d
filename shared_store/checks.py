"""System checks: every app's required version of each shared package is the installed one (the singleton pin)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig, apps
from django.core import checks
from packaging.specifiers import InvalidSpecifier, SpecifierSet

from federation.remote import RemoteConfig, installed_version, meets_pin


@checks.register("shared_store")
def check_shared_versions(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """An error for each requirement the installed version does not meet (every pin is strict, as Module
    Federation's strictVersion), and for a range that is not one."""
    messages: list[checks.CheckMessage] = []
    for config in app_configs or apps.get_app_configs():
        if not isinstance(config, RemoteConfig):
            continue
        for package, shared in config.shared.items():
            wanted = shared.required_version
            try:
                if meets_pin(package, wanted):
                    continue
            except InvalidSpecifier:
                messages.append(
                    checks.Error(
                        f"{config.name} declares an invalid version range {shared.required_version!r} for {package}.",
                        obj=config,
                        id="shared_store.E002",
                    )
                )
                continue
            installed = installed_version(package)
            found = f"version {installed} is installed" if installed else "it is not installed"
            text = f"{config.name} requires {package} {SpecifierSet(wanted)} but {found}."
            hint = f"Pin one {package} version for every app: a shared singleton cannot have two versions."
            messages.append(checks.Error(text, hint=hint, obj=config, id="shared_store.E001"))
    return messages
