"""Template context for the host layout."""

from functools import cache, partial
from typing import Any, cast

from django.http import HttpRequest
from django.template import Context, Template
from django.template.backends.django import Template as DjangoTemplate
from django.template.library import SimpleNode
from django.template.loader import get_template

from federation.events import CATALOG
from host import inspector
from host.events import page_events
from host.mount import stylesheets
from host.state import host_state
from host.templatetags.remotes import mount

LAYOUT = "host/base.html"


def layout_components() -> tuple[str, ...]:
    """The components the layout itself mounts (`{% mount %}` in host/base.html), in its order: their CSS is
    linked on every page. Read from the template, so mounting one more there is all a new remote needs."""
    loaded = cast(DjangoTemplate, get_template(LAYOUT))
    return _mounted_in(loaded.template)  # the loaders' cached Template: a new one once the file is edited


@cache
def _mounted_in(layout: Template) -> tuple[str, ...]:
    nodes = layout.nodelist.get_nodes_by_type(SimpleNode)
    return tuple(
        node.args[0].resolve(Context()) for node in nodes if isinstance(node, SimpleNode) and node.func is mount
    )


def layout(request: HttpRequest) -> dict[str, Any]:
    """What every host page needs: the stylesheets of the components it shows, and its custom events.

    Both are callables, called when the layout uses them: the stylesheets once the page's content is rendered
    (a page links only the CSS its components use), the events once, so the components rendered before the page
    do not use them up. Built once per request: every component's template runs the context processors again.
    """
    found = host_state(request)
    if found.layout is not None:
        return found.layout
    layout: dict[str, Any] = {
        "remote_stylesheets": lambda: stylesheets([*found.mounted, *layout_components()]),
        "page_events": partial(page_events, request),
        "inspector_on": inspector.enabled(),
    }
    if layout["inspector_on"]:
        layout["inspector_state"] = partial(inspector.masked_state, request)
        layout["inspector_entries"] = partial(inspector.entries, request)
        layout["inspector_event_names"] = sorted(CATALOG)
    found.layout = layout
    return layout
