"""Small helpers the tests share."""

import re
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import ClassVar

import time_machine
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.utils import get_level_tags
from django.db import connection

MOUNT = re.compile(r'<div id="(remote-[\w-]+)"[^>]*hx-swap-oob="true"')


def htmx_headers(page: str, *subscribers: str, target: str = "") -> dict[str, str]:
    """The headers htmx (and host.js) send for a request made from `page`."""
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"}
    if subscribers:
        headers["X-Mounted-Components"] = " ".join(subscribers)
    if target:
        headers["HX-Target"] = target
    return headers


def oob_mounts(html: str) -> list[str]:
    """The mount points an htmx response swaps out of band."""
    return MOUNT.findall(html)


def badge_label(html: str) -> str:
    """The cart badge's accessible name: the text of its link, as a screen reader reads it."""
    match = re.search(
        r'<a class="cart-badge" href="[^"]*">.*?<span class="cart-badge-name">([^<]+)</span>', html, re.DOTALL
    )
    assert match, "no cart badge in the HTML"
    return match.group(1)


def run_concurrently[T](count: int, work: Callable[[], T]) -> list[T | BaseException]:
    """Run `work` in `count` threads released together; return each result, or the exception it raised.

    Each thread closes its own database connection, as a request thread of a server would.
    """
    start = threading.Barrier(count)
    results: list[T | BaseException] = []

    def run() -> None:
        try:
            start.wait()
            results.append(work())
        except BaseException as exc:  # handed back to the test, which asserts on it
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def past_the_access_tokens_lifetime() -> time_machine.travel:
    """The clock moved one second past an access token's lifetime, and still ticking, while the block runs.

    Moved, not waited for: time-machine changes what this process's clocks say (the live server's threads
    included), not the monotonic clock that timeouts use, nor the browser's.
    """
    return time_machine.travel(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] + timedelta(seconds=1), tick=True)


class RecordingMessages(FallbackStorage):
    """Django's default message storage, also recording each message queued (for the `toasts` fixture): its
    level as the toast's ("status" for a toast only said to a screen reader)."""

    queued: ClassVar[list[tuple[str, str]]] = []

    def add(self, level: int, message: str, extra_tags: str = "") -> None:
        super().add(level, message, extra_tags)
        kind = "status" if extra_tags == "announce" else get_level_tags().get(level, "")
        RecordingMessages.queued.append((str(message), kind))
