"""Props the analytics components accept: none — a listener needs nothing from its host."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class TrackerProps:
    """Props of analytics/Tracker."""
