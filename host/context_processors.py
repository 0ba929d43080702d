"""Template context for the host layout."""

from typing import Any

from django.http import HttpRequest

from host.federation import stylesheets


def layout(request: HttpRequest) -> dict[str, Any]:
    """What every host page needs: the mounted remotes' stylesheets."""
    return {"remote_stylesheets": stylesheets()}
