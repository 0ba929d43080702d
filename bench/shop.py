"""The benchmark's shop: Django set up in this process on a throwaway database, both catalogs seeded alike."""

import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database: Path) -> None:
    """Configure Django for measuring: production-like (DEBUG off, cached templates), a fresh SQLite file."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "host.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "MONOLITH_ENABLED": "true",  # the baseline, served beside the federated shop
            "INSPECTOR_ENABLED": "false",
        }
    )
    import sys

    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def seed(count: int) -> None:
    """`count` products in the API's catalog and the same ones in the monolith's (same names, prices, stock)."""
    from api.models import Product
    from api.services import catalog_seed
    from monolith.models import Product as MonolithProduct

    catalog_seed(count=count)
    have = set(MonolithProduct.objects.values_list("slug", flat=True))
    fields = ("name", "slug", "description", "price", "stock", "image")
    missing = [
        MonolithProduct(**{f: getattr(p, f) for f in fields})
        for p in Product.objects.order_by("pk").only(*fields).iterator()
        if p.slug not in have
    ]
    MonolithProduct.objects.bulk_create(missing, batch_size=1000)


def first_product_ids() -> tuple[int, int]:
    """The id of the first product of each catalog's first page (the same product in both)."""
    from api.models import Product
    from monolith.models import Product as MonolithProduct

    first = Product.objects.order_by("name", "pk")[0]
    return first.pk, MonolithProduct.objects.get(slug=first.slug).pk


def timed(call: Callable[[], object]) -> float:
    """Seconds `call` takes."""
    started = time.perf_counter()
    call()
    return time.perf_counter() - started
