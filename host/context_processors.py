"""Template context for the host layout."""

from functools import partial
from typing import Any

from django.http import HttpRequest

from federation.events import CATALOG
from host import inspector
from host.events import page_events
from host.federation import stylesheets


def layout(request: HttpRequest) -> dict[str, Any]:
    """What every host page needs: the mounted remotes' stylesheets, and its custom events.

    The events are a callable: a template calls it only when it uses it (the layout does, once), so the
    components rendered before the page do not use up the events. Built once per request: every component's
    template runs the context processors again.
    """
    built = getattr(request, "_host_layout", None)
    if built is not None:
        return built
    context: dict[str, Any] = {
        "remote_stylesheets": stylesheets(),
        "page_events": partial(page_events, request),
        "inspector_on": inspector.enabled(),
    }
    if context["inspector_on"]:
        context["inspector_state"] = partial(inspector.masked_state, request)
        context["inspector_entries"] = partial(inspector.entries, request)
        context["inspector_event_names"] = sorted(CATALOG)
    request._host_layout = context
    return context
