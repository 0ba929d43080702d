"""The analytics remote's entry: what it exposes. It needs no shared package: events are all it listens to."""

# Import the module, not the class: Django picks the one AppConfig subclass defined here.
from federation import remote


class AnalyticsConfig(remote.RemoteConfig):
    name = "apps.analytics"
    label = "analytics"
    verbose_name = "Analytics (remote)"

    exposes = {"Tracker": "apps.analytics.components.tracker"}
    # Invisible when it works, so invisible when it fails: the page must not show a box for it.
    fallback_template = "analytics/fallback.html"
