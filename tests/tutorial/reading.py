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


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.rows: list[Row] = []
        self._form: Form | None = None
        self._button: list[str] | None = None
        self._header: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
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
        if tag == "form":
            self._form = None
        elif tag == "button" and self._button is not None and self._form is not None:
            self._form.buttons.append(" ".join("".join(self._button).split()))
            self._button = None
        elif tag == "th" and self._header is not None:
            self.rows[-1].header = " ".join("".join(self._header).split())
            self._header = None

    def handle_data(self, data: str) -> None:
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
