"""`manage.py seed_catalog`: fill the catalog with demo products."""

from django.core.management.base import BaseCommand, CommandParser

from api.services import catalog_seed


class Command(BaseCommand):
    help = "Create or refresh the demo catalog (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        # 30: more than the shop's page of 24 (api/pagination.py), so the demo shows its pagination.
        parser.add_argument("--count", type=int, default=30, help="How many products (default 30).")

    def handle(self, *args: object, count: int, **options: object) -> None:
        written = catalog_seed(count=count)
        self.stdout.write(self.style.SUCCESS(f"Catalog ready: {written} products."))
