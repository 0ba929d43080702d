"""`{% mount "cart/CartBadge" %}`: render a remote component by name inside a host template."""

from django import template
from django.utils.safestring import SafeString

from host.federation import mount_html
from host.props import host_props

register = template.Library()


@register.simple_tag(takes_context=True)
def mount(context: template.Context, qualified_name: str) -> SafeString:
    request = context["request"]
    route_params = request.resolver_match.kwargs if request.resolver_match else {}
    return mount_html(request, qualified_name, host_props(request, **route_params))
