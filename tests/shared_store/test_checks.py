"""Tests of the singleton version pin (shared_store/checks.py)."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from federation.remote import Shared
from shared_store import __version__
from shared_store.checks import check_shared_versions

# `manage.py check` also runs the database checks.
pytestmark = pytest.mark.django_db


@pytest.fixture
def cart_requires(monkeypatch: pytest.MonkeyPatch):
    """Override what apps.cart declares it needs."""
    config = apps.get_app_config("cart")

    def override(**shared: Shared) -> None:
        monkeypatch.setattr(config, "shared", shared)

    return override


def test_every_app_accepts_the_installed_versions() -> None:
    assert check_shared_versions() == []


def test_strict_mismatch_is_an_error_naming_app_range_and_version(cart_requires) -> None:
    cart_requires(shared_store=Shared(required_version=">=2.0,<3"))
    [error] = check_shared_versions()
    assert error.id == "shared_store.E001"
    assert error.msg == f"apps.cart requires shared_store <3,>=2.0 but version {__version__} is installed."


def test_manage_py_check_refuses_to_start_on_a_strict_mismatch(cart_requires) -> None:
    cart_requires(shared_store=Shared(required_version=">=2.0,<3"))
    with pytest.raises(SystemCheckError, match=r"shared_store.E001.*apps.cart requires shared_store"):
        call_command("check")


def test_missing_package_and_invalid_range(cart_requires) -> None:
    cart_requires(
        redux=Shared(required_version=">=1"),
        shared_store=Shared(required_version="one point oh"),
    )
    ids = sorted(message.id for message in check_shared_versions())
    assert ids == ["shared_store.E001", "shared_store.E002"]
