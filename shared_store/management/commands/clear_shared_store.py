"""`manage.py clear_shared_store`: like `clearsessions`, for visitor stores and handoffs. Run it daily."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser

from shared_store.services import stores_clear_stale


class Command(BaseCommand):
    help = "Delete visitor stores unchanged for longer than a session lives, and read or expired handoffs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="Age of stale stores (default: session lifetime).")

    def handle(self, *args: object, days: int | None, **options: object) -> None:
        stores, handoffs = stores_clear_stale(older_than=timedelta(days=days) if days is not None else None)
        self.stdout.write(f"Deleted {stores} stale stores and {handoffs} read or expired handoffs.")
