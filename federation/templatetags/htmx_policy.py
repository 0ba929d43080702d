"""`{% htmx_config allowEval=False %}`: the htmx-config meta tag's content, from federation/htmx.py."""

from typing import Any

from django import template

from federation.htmx import config_json

register = template.Library()


@register.simple_tag
def htmx_config(**options: Any) -> str:
    """The htmx config for a page: the shop's response handling plus `options` (escaped by the template)."""
    return config_json(**options)
