"""Links to a route with one id, for long lists: the route is reversed once, then each link is a substitution.

`reverse()` walks the URLconf on every call; a product list asks for the same route dozens of times a page.
"""

from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse

# Valid for the project's id converters (at most 18 digits) and for <int:>; never a real id in a template.
LINK_MARKER = "918273645546372819"


def link(viewname: str, kwarg: str, value: int) -> str:
    """`reverse(viewname, kwargs={kwarg: value})` for an integer `value`, from a template cached per route."""
    return _template(viewname, kwarg, get_urlconf(), get_script_prefix()).replace(LINK_MARKER, str(int(value)))


@cache
def _template(viewname: str, kwarg: str, urlconf: str | None, prefix: str) -> str:
    # urlconf and prefix are part of the key: the same name reverses differently under another URLconf.
    return reverse(viewname, kwargs={kwarg: int(LINK_MARKER)}, urlconf=urlconf)
