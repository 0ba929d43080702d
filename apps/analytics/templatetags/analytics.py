"""`{% analytics_setting "MAX_EVENTS" %}`: the listener's script reads the batching limits from the server's."""

from django import template

from apps.analytics.conf import analytics_settings

register = template.Library()


@register.simple_tag
def analytics_setting(name: str) -> object:
    """One value of the ANALYTICS settings dict (over its defaults)."""
    return getattr(analytics_settings, name)
