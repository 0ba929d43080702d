"""The migrations are the schema: every model change has one, and they build the database the tests run on.

The test database of every run is made by applying all of them, so on PostgreSQL (CI's second run) each is also
proven to apply there.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_no_model_change_lacks_its_migration() -> None:
    # --check exits with an error naming the apps whose models and migrations disagree.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_test_database_is_built_by_the_migrations() -> None:
    """Not from the models directly (pytest-django's --no-migrations), which would prove nothing of them."""
    executor = MigrationExecutor(connection)
    assert executor.loader.applied_migrations, "no migration was recorded as applied"
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
