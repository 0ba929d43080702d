"""The ANALYTICS settings dict, over its defaults."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "MAX_BYTES": 2048,  # largest beacon body accepted
    "RATE_PER_MINUTE": 120,  # beacons accepted per visitor per minute; more get a 429
}


def analytics_settings() -> dict[str, Any]:
    return {**DEFAULTS, **getattr(settings, "ANALYTICS", {})}
