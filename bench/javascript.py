"""First-load JavaScript: the gzipped bytes of every script a page loads."""

import gzip
import re

from django.contrib.staticfiles import finders
from django.test import Client

SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')


def first_load(path: str) -> list[tuple[str, int]]:
    """Each script the page at `path` loads, with its size gzipped at level 9 (as a server would send it)."""
    from django.conf import settings

    html = Client().get(path).content.decode()
    sizes = []
    for src in SCRIPT.findall(html):
        found = finders.find(
            src.removeprefix(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL)
        )
        if found is None:
            raise LookupError(f"{path} loads {src}, which is not a static file of the project.")
        with open(found, "rb") as script:
            sizes.append((src, len(gzip.compress(script.read(), compresslevel=9))))
    return sizes
