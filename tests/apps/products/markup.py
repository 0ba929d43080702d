"""Read the attributes of the tags in rendered HTML, as the tests of this remote need them."""

from html.parser import HTMLParser


class _Tags(HTMLParser):
    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag = tag
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag:
            self.found.append(dict(attrs))


def tags(html: str, tag: str) -> list[dict[str, str | None]]:
    """The attributes of every `tag` in `html`, in order (an attribute without a value maps to None)."""
    parser = _Tags(tag)
    parser.feed(html)
    return parser.found
