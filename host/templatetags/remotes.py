"""`{% mount "cart/CartBadge" %}`: render a remote component by name inside a host template."""

from django import template
from django.utils.safestring import SafeString

from host.mount import mount_html
from host.props import offered

register = template.Library()


@register.simple_tag(takes_context=True)
def mount(context: template.Context, qualified_name: str) -> SafeString:
    """Mount a component with the host's props for this request (host/props.py)."""
    request = context["request"]
    return mount_html(request, qualified_name, offered(request))
