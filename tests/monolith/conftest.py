"""Fixtures for the monolith's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture
def monolith_catalog(db: None) -> None:
    """The monolith's 30 products, from its fixture (what `manage.py demo` loads)."""
    call_command("loaddata", "monolith_catalog", verbosity=0)
