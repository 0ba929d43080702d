"""The pattern inspector: shows, on the page, what the patterns did for each request.

On with DEBUG (settings.INSPECTOR["ENABLED"] elsewhere). It listens to the signals the store, the API client,
the handoff and the exchanges with remote servers already send, so nothing it shows needs code in the apps.
Tokens are masked; card numbers are never recorded (API calls are shown by method and path only).
"""

import json
from typing import Any
from urllib.parse import urlsplit

from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string

from api.client import api_called
from config.feature_settings import FeatureSettings
from host.over_http.breaker import CircuitBreaker
from host.over_http.exchange import remote_exchanged
from host.registry import Remote, owner
from host.state import host_state
from shared_store.actions import MASK
from shared_store.signals import action_dispatched, handoff_consumed, handoff_written
from shared_store.store import get_store

# host/settings.py sets ENABLED from INSPECTOR_ENABLED, on with DEBUG.
inspector_settings = FeatureSettings("INSPECTOR", {"ENABLED": False})


def enabled() -> bool:
    return bool(inspector_settings.ENABLED)


# What an answer that navigated away did (a redirect has no page to show it on): shown by the next page.
CARRIED = "inspector.carried"


def entries(request: HttpRequest) -> list[dict[str, Any]]:
    """What this request did, in order, after what the answer that led here did (empty when off)."""
    found = host_state(request)
    session = getattr(request, "session", None)
    if session is not None and CARRIED in session:
        found.inspector_entries = [*session.pop(CARRIED), *(found.inspector_entries or [])]
    return found.inspector_entries or []


def carry_over(request: HttpRequest) -> None:
    """Keep this request's entries for the next page: its answer navigates, so nothing shows them now."""
    found = host_state(request).inspector_entries
    if found and hasattr(request, "session"):
        request.session[CARRIED] = [*request.session.get(CARRIED, []), *found]


def _record(request: HttpRequest | None, entry: dict[str, Any]) -> None:
    if request is None or not enabled():
        return
    found = host_state(request)
    if found.inspector_entries is None:
        found.inspector_entries = []
    found.inspector_entries.append(entry)


def origin(request: HttpRequest) -> str:
    """The app at work: the remote whose component is rendering, a remote's own endpoint, or the host."""
    return host_state(request).rendering or owner(request)


def updates(request: HttpRequest) -> str:
    """The new store state and what this request did, out of band into the inspector's panel."""
    context_ = {"inspector_state": masked_state(request), "inspector_entries": entries(request)}
    return render_to_string("host/inspector.html#oob", context_, request)


def masked_state(request: HttpRequest) -> str:
    """The visitor's store state as indented JSON, with the tokens masked."""
    state = json.loads(json.dumps(get_store(request).state))
    if state.get("user", {}).get("tokens"):
        state["user"]["tokens"] = {"access": MASK, "refresh": MASK}
    return json.dumps(state, indent=2, sort_keys=True, ensure_ascii=False)


@receiver(action_dispatched)
def _on_action(*, request: HttpRequest, action: Any, changed: frozenset[str], **kwargs: Any) -> None:
    _record(
        request,
        {
            "kind": "action",
            "type": action.type,
            "origin": origin(request),
            "changed": sorted(changed),
            "payload": action.as_dict()["payload"],
        },
    )


@receiver(api_called)
def _on_api_call(*, request: HttpRequest | None, method: str, url: str, status_code: int, kind: str, **kw: Any) -> None:
    _record(request, {"kind": "api", "call": kind, "method": method, "path": urlsplit(url).path, "status": status_code})


@receiver(remote_exchanged)
def _on_remote_exchange(
    *,
    sender: Remote,
    request: HttpRequest | None,
    method: str,
    path: str,
    status: int | None,
    failure: Exception | None,
    breaker: CircuitBreaker,
    **kwargs: Any,
) -> None:
    _record(
        request,
        {
            "kind": "remote",
            "remote": sender.name,
            "method": method,
            "path": path,
            "status": status,
            "failure": str(failure) if failure else None,
            "breaker": breaker.describe(),
        },
    )


@receiver(handoff_written)
def _on_handoff_written(*, request: HttpRequest, channel: str, **kwargs: Any) -> None:
    _record(request, {"kind": "handoff", "op": "write", "channel": channel, "origin": origin(request)})


@receiver(handoff_consumed)
def _on_handoff_consumed(*, request: HttpRequest, channel: str, **kwargs: Any) -> None:
    _record(request, {"kind": "handoff", "op": "consume", "channel": channel, "origin": origin(request)})
