"""Read a page as a person (or a screen reader) meets it, for the turn tests: forms and their buttons, table rows
and their cells. A learner's markup may order attributes, quote and nest as it likes; what it means is asserted."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    method: str
    action: str
    buttons: list[str] = field(default_factory=list)
    """The text of each button that submits it."""


@dataclass
class Row:
    classes: set[str]
    header: str = ""
    """The text of the row's header cell (`<th>`): the thing the row is about."""


@dataclass
class Mount:
    name: str
    """The component's qualified name, e.g. "cart/CartBadge"."""
    within: list[str]
    """The elements it sits in, outermost first (e.g. ["html", "body", "footer"])."""
    out_of_band: bool
    """Whether an htmx answer carries it to swap in place of the one on the page."""
    text: str = ""
    """Its text, as it reads, spaces collapsed."""


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.rows: list[Row] = []
        self.mounts: list[Mount] = []
        self._form: Form | None = None
        self._button: list[str] | None = None
        self._header: list[str] | None = None
        self._open: list[str] = []
        self._reading: list[tuple[int, Mount, list[str]]] = []  # mounts still open: depth, mount, its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if "data-mount" in found:
            mount = Mount(found["data-mount"], list(self._open), out_of_band="hx-swap-oob" in found)
            self.mounts.append(mount)
            self._reading.append((len(self._open), mount, []))
        if tag not in VOID:
            self._open.append(tag)
        if tag == "form":
            self._form = Form(method=found.get("method", "get").lower(), action=found.get("action", ""))
            self.forms.append(self._form)
        elif tag == "button" and self._form is not None and found.get("type", "submit") == "submit":
            self._button = []
        elif tag == "tr":
            self.rows.append(Row(classes=set(found.get("class", "").split())))
        elif tag == "th" and self.rows and found.get("scope") == "row":
            self._header = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass  # an element left open inside this one ends with it
        while self._reading and self._reading[-1][0] >= len(self._open):
            _, mount, text = self._reading.pop()
            mount.text = " ".join("".join(text).split())
        if tag == "form":
            self._form = None
        elif tag == "button" and self._button is not None and self._form is not None:
            self._form.buttons.append(" ".join("".join(self._button).split()))
            self._button = None
        elif tag == "th" and self._header is not None:
            self.rows[-1].header = " ".join("".join(self._header).split())
            self._header = None

    def handle_data(self, data: str) -> None:
        for _, _, text in self._reading:
            text.append(data)
        for collecting in (self._button, self._header):
            if collecting is not None:
                collecting.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


def forms(html: str) -> list[Form]:
    """The page's forms, each with its method, its action and the text of its submit buttons."""
    return read(html).forms


def rows(html: str) -> list[Row]:
    """The page's table rows, each with its classes and the text of its header cell."""
    return read(html).rows


def mounts(html: str) -> list[Mount]:
    """The components mounted in the page (or carried by an htmx answer), each with where it sits and its text."""
    return read(html).mounts


def mount_of(html: str, name: str) -> Mount | None:
    """The first mount of the component `name` in the page, or None if the page does not show it."""
    return next((mount for mount in mounts(html) if mount.name == name), None)
