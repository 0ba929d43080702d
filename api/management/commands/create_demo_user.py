"""`manage.py create_demo_user`: the demo account named in the README."""

from django.core.management.base import BaseCommand

from api.services import DEMO_PASSWORD, DEMO_USERNAME, demo_user_ensure


class Command(BaseCommand):
    help = "Create (or reset the password of) the demo account."

    def handle(self, *args: object, **options: object) -> None:
        demo_user_ensure()
        self.stdout.write(self.style.SUCCESS(f"Demo account ready: {DEMO_USERNAME} / {DEMO_PASSWORD}"))
