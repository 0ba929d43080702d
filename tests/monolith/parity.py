"""A page of either shop as an outline a person could check: elements, their attributes, their text.

The two shops serve the same pages; what must differ is taken out (or written one way) before they are compared:

Both are the same Django + htmx shop: the same htmx attributes (`hx-*`) on the same elements, the same htmx
configuration, the same request indicators ("Adding…", "Paying…"), toast dismiss buttons and hidden fields. Only
what the split itself adds is taken out:

- **Mounting.** The federated shop's mount points (`<div class="remote" data-mount=…>`) are unwrapped, and the
  host's slot for the cart's badge is an ordinary list item. Where htmx names a mount point, the monolith names
  the component's own element: `hx-target="closest [data-mount]" hx-swap="innerHTML"` is written as the
  monolith's `hx-target="this"` (on the component's element) or `"closest .payment"` (inside it) with
  `hx-swap="outerHTML"`, and a mount point swapped out of band (`hx-swap-oob="true"`) as the monolith's
  `hx-swap-oob="outerHTML:.cart-badge"` on the component's element.
- **The analytics tracker** (its mount, its script, and the page's events for it, `#mfe-events`): the split's.
- **Each shop's own files.** A script's `src` other than htmx's (host.js, monolith.js) and its nonce; stylesheets
  and icons (`<link>`, one per remote in the federated shop) are left out.
- **Tokens and addresses.** A CSRF token's value (in a form and in `hx-headers`), a checkout's `key`; each URL
  (an attribute, or a hidden `next`) written as the route it names, with its arguments:
  `/remotes/cart/lines/7/remove/` and `/monolith/bag/7/remove/` are both `bag-remove(7)`.
- **The shop's name and its one line about itself**: the title's suffix, the brand, the meta description and
  the footer.
- **The tutorial's exercises.** Chapter 1 has the learner add an "Empty the bag" form to the monolith's bag (its
  route `bag-empty`), which the federated shop does not have; its check runs these tests. The turns of chapters
  2 to 12 add features to the federated shop only, each with the markup its turn prescribes (THE_TURNS_ADD): a
  learner's shop may differ from the monolith by those, and by nothing else.
"""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from django.urls import Resolver404, resolve

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# The federated shop's routes, by the monolith's names for the same pages and actions.
ROUTES = {
    "home": "product-list",
    "product-detail": "product-detail",
    "api:product-image": "product-image",
    "products:add-to-cart": "add-to-cart",
    "bag": "bag",
    "cart:set-quantity": "bag-update",
    "cart:remove": "bag-remove",
    "cart:selection": "bag-selection",
    "cart:checkout": "go-to-payment",
    "payment": "checkout",
    "payment:pay": "checkout",
    "thanks": "thanks",
    "orders": "orders",
    "order": "order",
    "login": "login",
    "logout": "logout",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "hx-post", "hx-get"}
MOUNT_POINT = "remote"
THE_SPLITS = {"remote-analytics"}  # the analytics tracker's mount
THE_SPLITS_IDS = {"mfe-events"}  # the page's events, for the tracker
TOKENS = {"csrfmiddlewaretoken", "key"}  # hidden fields whose values are each visit's own
HTMX_SCRIPT = "/static/django_htmx/"
KEPT_META = {"description", "viewport", "htmx-config"}
THE_TUTORIALS = {"bag-empty()"}  # what chapter 1's turn adds to the monolith
# What the turns of chapters 2 to 12 add to the federated shop only: a component beside the catalog (2), the bag's
# "Just added" mark (6), the wishlist in the footer (10), the bag's delivery note (11), "N in your bag" (12).
THE_TURNS_ADD = {
    "mounts": {"products/CatalogIntro", "wishlist/Wishlist"},
    "classes": {"bag-line-new", "bag-delivery", "add-to-cart-in-bag"},
    "marks": {"just-added"},  # a class on an element both shops have
}
# The card's name, filled in from the API by chapter 5's turn.
FILLED_IN = ("input", "name", "name")


@dataclass
class Element:
    tag: str
    attributes: dict[str, str]
    children: list["Element | str"] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attributes.get("class", "").split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def canonical_url(url: str) -> str:
    """A URL of either shop as the route it names: `bag-update(7)`, `login?next=checkout()`."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return url if not parts.query else f"{parts.path}?{_query(parts.query)}"
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    if match is None or match.url_name is None:  # a catch-all: the address as the visitor wrote it
        route = parts.path.removeprefix("/monolith")
    else:
        name = (
            match.view_name.removeprefix("monolith:")
            if match.namespace == "monolith"
            else ROUTES.get(match.view_name, match.view_name)
        )
        route = f"{name}({', '.join(str(value) for value in match.kwargs.values())})"
    query = f"?{_query(parts.query)}" if parts.query else ""
    return f"{route}{query}{'#' + parts.fragment if parts.fragment else ''}"


def _query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    return "&".join(f"{key}={canonical_url(value) if key == 'next' else value}" for key, value in pairs)


def _component(mount: Element) -> Element | None:
    """The element a mount point holds: the component's own (the monolith has it without the mount)."""
    elements = [child for child in mount.children if isinstance(child, Element)]
    return elements[0] if len(elements) == 1 else None


def _in(parent: Element, child: Element | str, component: Element | None) -> Element | None:
    """The component `child` is in. An htmx answer's first part is the component htmx swaps it into, unmounted."""
    fragment = parent.tag == "#document" and isinstance(child, Element) and child.tag != "html"
    return child if fragment and isinstance(child, Element) else component


def _normalised(
    node: Element | str, *, in_footer: bool = False, component: Element | None = None
) -> list[Element | str]:
    """The node as the comparison sees it: gone, unwrapped (its children), or kept with its attributes rewritten.
    `component` is the element of the component the node is in, in the federated shop (its mount unwrapped)."""
    if isinstance(node, str):
        text = " ".join(node.split())
        return [text] if text else []
    if _left_out(node):
        return []
    mount = MOUNT_POINT in node.classes()
    inner = _component(node) if mount else component
    if mount and inner is not None and node.attributes.get("hx-swap-oob") == "true":
        inner.attributes["hx-swap-oob"] = f"outerHTML:.{inner.attributes.get('class', '').split()[0]}"
    children = [
        kept
        for child in node.children
        for kept in _normalised(child, in_footer=in_footer or node.tag == "footer", component=_in(node, child, inner))
    ]
    if mount:
        return children
    if "page-with-aside" in node.classes() and not any(
        isinstance(child, Element) and child.tag == "aside" and child.children for child in children
    ):  # its aside held only what a turn added: the page as it was, without the aside's layout
        return [
            grandchild
            for child in children
            if isinstance(child, Element) and child.tag != "aside"
            for grandchild in child.children
        ]
    attributes = dict(node.attributes)
    if node.classes() & THE_TURNS_ADD["marks"]:
        attributes["class"] = " ".join(c for c in attributes["class"].split() if c not in THE_TURNS_ADD["marks"])
    if (node.tag, "name", attributes.get("name")) == FILLED_IN:
        attributes.pop("value", None)
    if attributes.get("hx-target") == "closest [data-mount]" and component is not None:
        own = "this" if node is component else f"closest .{component.attributes.get('class', '').split()[0]}"
        attributes["hx-target"] = own
        if attributes.get("hx-swap") == "innerHTML":
            attributes["hx-swap"] = "outerHTML"
    if "hx-headers" in attributes:
        attributes["hx-headers"] = re.sub(
            r'"X-CSRFToken": "[^"]*"', '"X-CSRFToken": "(token)"', attributes["hx-headers"]
        )
    if "slot" in node.classes():  # where the host mounts the badge
        attributes.pop("id", None)
        attributes.pop("class", None)
    if node.tag == "input" and attributes.get("name") in TOKENS:
        attributes["value"] = "(token)"
    if node.tag == "input" and attributes.get("name") == "next":
        attributes["value"] = canonical_url(attributes.get("value", ""))
    if node.tag == "script":
        attributes.pop("nonce", None)
        if not attributes.get("src", "").startswith(HTMX_SCRIPT):
            attributes["src"] = "(the shop's own)"
    for name in URL_ATTRIBUTES & attributes.keys():
        if node.tag != "script":
            attributes[name] = "(the shop's own)" if in_footer else canonical_url(attributes[name])
    if node.tag == "meta" and attributes.get("name") == "description":
        attributes["content"] = "(the shop's own)"
    if node.tag == "title":
        children = [re.sub(r" · .*$", " · (the shop's name)", text) for text in children if isinstance(text, str)]
    if "brand" in node.classes() or node.tag == "footer":
        children = ["(the shop's own)"]
    return [Element(node.tag, attributes, children)]


def _left_out(element: Element) -> bool:
    if element.tag == "link" or element.classes() & THE_SPLITS or element.attributes.get("id") in THE_SPLITS_IDS:
        return True
    if element.attributes.get("data-mount") in THE_TURNS_ADD["mounts"] or element.classes() & THE_TURNS_ADD["classes"]:
        return True
    if element.tag == "meta":
        return element.attributes.get("name") not in KEPT_META and "charset" not in element.attributes
    return element.tag == "form" and canonical_url(element.attributes.get("action", "")) in THE_TUTORIALS


def outline(html: str) -> list[str]:
    """The page, one line per element (its tag and sorted attributes, indented by depth) and per run of text."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    lines: list[str] = []

    def write(node: Element | str, depth: int) -> None:
        if isinstance(node, str):
            lines.append(f"{'  ' * depth}{node!r}")
            return
        attributes = "".join(f' {name}="{value}"' for name, value in sorted(node.attributes.items()))
        lines.append(f"{'  ' * depth}<{node.tag}{attributes}>")
        for child in node.children:
            write(child, depth + 1)

    for node in _normalised(builder.root):
        for child in node.children if isinstance(node, Element) else [node]:
            write(child, 0)
    return lines


def differences(page: str, federated: str, monolith: str) -> str:
    """Empty when the two pages are the same page; else which page, and a diff of their outlines."""
    composed, alone = outline(federated), outline(monolith)
    if composed == alone:
        return ""
    diff = difflib.unified_diff(composed, alone, "federated shop", "monolith", n=2, lineterm="")
    return f"The {page} page differs between the two shops (- federated, + monolith):\n" + "\n".join(diff)
