"""`{% htmx_config %}`: the htmx-config meta tag's content, the monolith's own copy of the shop's htmx policy.

The same policy as the federated shop's (federation/htmx.py), written here again: the monolith imports nothing of
the split. htmx swaps the 4xx answers that carry a message for the visitor (a form refused: 422) like a success;
other errors are not swapped (monolith.js says something went wrong). It settles at once, so a swapped form is
never plain HTML that a quick Enter would send as a full page load. No eval, no inline style, no scripts in swaps:
the CSP allows none (monolith.css styles the request indicators).
"""

import json

from django import template

register = template.Library()

SWAPPED_ERRORS = (400, 404, 409, 422, 429)


@register.simple_tag
def htmx_config() -> str:
    errors = "|".join(str(status) for status in SWAPPED_ERRORS)
    return json.dumps(
        {
            "includeIndicatorStyles": False,
            "allowEval": False,
            "allowScriptTags": False,
            "defaultSettleDelay": 0,
            "responseHandling": [
                {"code": "204", "swap": False},
                {"code": "[23]..", "swap": True},
                {"code": f"({errors})", "swap": True, "error": False},
                {"code": "...", "swap": False, "error": True},
            ],
        }
    )
