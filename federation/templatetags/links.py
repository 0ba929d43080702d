"""`{% link "products:add-to-cart" product_numeric_id=3 as add_url %}`: `{% url %}` for lists of one route.

The route is reversed once per process and each link is a substitution (federation/links.py): a page of 24
products, each with its own form, reverses nothing 24 times.
"""

from django import template

from federation.links import link as linked

register = template.Library()


@register.simple_tag
def link(viewname: str, **kwargs: int) -> str:
    """The path of `viewname` with its one integer parameter, as `{% url viewname name=value %}` gives it."""
    if len(kwargs) != 1:
        raise template.TemplateSyntaxError(f"{{% link %}} takes exactly one parameter; got {sorted(kwargs)}.")
    [(kwarg, value)] = kwargs.items()
    return linked(viewname, kwarg, value)
