"""`manage.py demo` prepares both shops before it serves them."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.commands import runserver

from api.models import Product
from monolith.models import Product as MonolithProduct


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where runserver would listen; it is not started."""
    addresses: list[str] = []

    def handle(self: runserver.Command, *args: object, addrport: str, **options: object) -> None:
        addresses.append(addrport)

    monkeypatch.setattr(runserver.Command, "handle", handle)
    return addresses


@pytest.mark.django_db
def test_demo_seeds_both_catalogs_and_the_account_then_serves(served: list[str]) -> None:
    call_command("demo")
    assert served == ["127.0.0.1:8000"]
    assert Product.objects.count() == 24
    assert MonolithProduct.objects.count() == 24
    assert get_user_model().objects.get(username="demo").check_password("mfe-demo-pass")
    call_command("demo", "0.0.0.0:9000")  # idempotent: a second run changes nothing but the address
    assert served == ["127.0.0.1:8000", "0.0.0.0:9000"]
    assert MonolithProduct.objects.count() == 24


@pytest.mark.django_db
def test_without_the_monolith_only_the_federated_catalog_is_seeded(served: list[str], settings) -> None:
    settings.MONOLITH = {"ENABLED": False}
    call_command("demo")
    assert Product.objects.count() == 24
    assert not MonolithProduct.objects.exists()
