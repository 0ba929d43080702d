"""The ANALYTICS settings dict, over its defaults: `analytics_settings.MAX_BYTES`."""

from typing import Any

from config.feature_settings import FeatureSettings

DEFAULTS: dict[str, Any] = {
    "MAX_BYTES": 2048,  # largest report of one event accepted (a batch may be this times MAX_EVENTS)
    "MAX_EVENTS": 20,  # most events in one batch; the browser sends a full batch at once
    "QUIET_MS": 5000,  # the browser sends its queued events after this long without a new one (or on leaving)
    "RATE_PER_MINUTE": 120,  # events accepted per visitor (a session, else an address) per minute; more get a 429
    "ADDRESS_RATE_PER_MINUTE": 1200,  # events accepted from every visitor behind one address together, per minute
}

analytics_settings = FeatureSettings("ANALYTICS", DEFAULTS)
