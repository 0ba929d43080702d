"""`manage.py demo`: migrate, seed the demo catalogs, and serve the shop at http://127.0.0.1:8000."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Prepare the database with demo data and start the development server (default 127.0.0.1:8000)."
    # Not here: in the autoreloader's child a failed check would end the process, and the server with it.
    # `migrate` checks on the first start; `runserver` checks after every reload, reports an error and keeps
    # watching the files, so the demo comes back by itself once the learner undoes an exercise.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="Where to listen.")

    def handle(self, *args: object, addrport: str, **options: object) -> None:
        # The autoreloader re-runs this command in a child process (RUN_MAIN=true): set up only once.
        if os.environ.get("RUN_MAIN") != "true":
            prepare(verbosity=1)
        call_command("runserver", addrport, skip_checks=False)  # call_command skips them unless told


def prepare(*, verbosity: int) -> None:
    """Migrate, seed both catalogs and make the demo account: idempotent, as the demo runs it on every start."""
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("seed_catalog", verbosity=verbosity)
    call_command("create_demo_user", verbosity=verbosity)
    if settings.MONOLITH["ENABLED"]:
        call_command("loaddata", "monolith_catalog", verbosity=verbosity)  # the same catalog before the split
