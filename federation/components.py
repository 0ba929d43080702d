"""The mount-point convention host and remotes share: the wrapper around a component, and its props."""

import collections.abc
import types
from collections.abc import Iterable, Mapping
from dataclasses import MISSING, fields
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe

from federation.context import request_context
from federation.remote import PropsDataclass

# Where a component keeps the store slices it selects (shared_store's @subscribe sets it): a host re-renders it
# when one of them changes, and a remote's manifest lists them for a host across the network.
SUBSCRIPTIONS_ATTRIBUTE = "store_subscriptions"


def subscriptions_of(component: object) -> frozenset[str]:
    """The store slices a component subscribes to (empty if none)."""
    return getattr(component, SUBSCRIPTIONS_ATTRIBUTE, frozenset())


def mount_id(qualified_name: str) -> str:
    """The DOM id of a component's mount point: "cart/Bag" → "remote-cart-Bag"."""
    return "remote-" + qualified_name.replace("/", "-")


def wrap(
    qualified_name: str, html: str, *, subscribes: Iterable[str] = (), oob: bool = False, failed: bool = False
) -> SafeString:
    """Wrap a component's HTML in its mount point; `oob` makes it an htmx out-of-band swap of that point, and
    `failed` marks a slot showing its fallback."""
    remote, _, name = qualified_name.partition("/")
    return format_html(
        '<div id="{}" class="remote remote-{}" data-remote="{}" data-component="{}" data-mount="{}"{}{}{}>{}</div>',
        mount_id(qualified_name),
        remote,
        remote,
        name,
        qualified_name,
        format_html(' data-subscribes="{}"', " ".join(sorted(subscribes))) if subscribes else "",
        mark_safe(' data-failed="true"') if failed else "",
        mark_safe(' hx-swap-oob="true"') if oob else "",
        html,
    )


# The props naming convention every props dataclass follows, so that a prop's kind is known from its name alone
# (the wire to a remote over HTTP sends a link as a template and a callback by name): `*_href` are links to the
# host's routes, `on_*` and `handle_*` are callbacks the host supplies, anything else is plain data.
LINK_SUFFIX = "_href"
CALLBACK_PREFIXES = ("on_", "handle_")


def prop_kind(name: str) -> Literal["link", "callback"] | None:
    """What a callable prop named `name` is by the convention: a link, a callback, or None (neither)."""
    if name.endswith(LINK_SUFFIX):
        return "link"
    if name.startswith(CALLBACK_PREFIXES):
        return "callback"
    return None


def misnamed_props(props_type: type) -> list[str]:
    """The fields of a props dataclass that are callable but named neither a link nor a callback."""
    hints = get_type_hints(props_type)
    return [f.name for f in fields(props_type) if _callable(hints[f.name]) and prop_kind(f.name) is None]


def _callable(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return any(_callable(arg) for arg in get_args(annotation))
    return annotation is collections.abc.Callable or origin is collections.abc.Callable


class MissingProps(ImproperlyConfigured):
    """A component was asked to render without props it requires: on a page, the host's bug; for a fragment
    asked for on its own (`/fragments/…` without the page it belongs to), the caller's."""


def required_props(props_type: type[PropsDataclass]) -> frozenset[str]:
    """The props a component cannot render without: its props dataclass's fields that have no default."""
    return frozenset(f.name for f in fields(props_type) if f.default is MISSING and f.default_factory is MISSING)


def check_props(needed: Iterable[str], offered: Mapping[str, Any], *, component: str) -> None:
    """Raise MissingProps when `offered` lacks one of the `needed` props."""
    missing = sorted(set(needed) - set(offered))
    if missing:
        raise MissingProps(f"{component} needs props nobody supplies: {missing}.")


def build_props[P: PropsDataclass](props_type: type[P], offered: Mapping[str, Any], *, component: str = "") -> P:
    """Build a props dataclass from what is offered, taking only the fields it declares."""
    check_props(required_props(props_type), offered, component=component or props_type.__name__)
    declared = fields(props_type)
    return props_type(**{f.name: offered[f.name] for f in declared if f.name in offered})


def offered_props(request: HttpRequest) -> Mapping[str, Any]:
    """The props a mounting host offers to this request (none when the remote runs standalone)."""
    return request_context(request).props


def props_for[P: PropsDataclass](request: HttpRequest, props_type: type[P], **standalone: Any) -> P:
    """Props for a remote's own endpoint: the host's when mounted, else the `standalone` defaults."""
    return build_props(props_type, {**standalone, **offered_props(request)})


def current_page_path(request: HttpRequest) -> str:
    """The path of the page the visitor is on: for htmx, the page that sent the request; for a remote over
    HTTP, the host's page it renders for (from the sealed context)."""
    htmx = getattr(request, "htmx", None)
    return (htmx.current_url_abs_path if htmx else None) or _forwarded_page(request) or request.get_full_path()


def _forwarded_page(request: HttpRequest) -> str | None:
    forwarded = request_context(request).forwarded
    return forwarded.page if forwarded is not None else None


def next_url(request: HttpRequest, fallback: str) -> str:
    """Where a plain (no-JavaScript) post goes back to: its `next` field if that is a path on this site."""
    candidate = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}, require_https=False):
        return candidate
    return fallback
