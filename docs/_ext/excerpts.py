"""Every excerpt says where it comes from: `literalinclude` without a `:caption:` gets one, the file's path from the
project's root and the lines of it that the excerpt shows ("host/mount.py, lines 40–58").

The lines are the ones Sphinx's own reader selects (`:pyobject:`, `:start-after:`, `:end-before:`, `:lines:`…), read
again with each line carrying its number. A directive with a caption of its own keeps it.
"""

from os import PathLike
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude, LiteralIncludeReader
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

# The options that choose which lines of the file are shown; the others (:dedent:, :prepend:, :lineno-start:…) only
# change how they look.
SELECTING = ("encoding", "tab-width", "pyobject", "start-at", "start-after", "end-at", "end-before", "lines")


class Line(str):
    """A line of the included file that remembers its number through the reader's filters (they slice, not copy)."""

    number: int


class NumberedReader(LiteralIncludeReader):
    """Sphinx's reader, reading lines that know their number; `selected` holds the numbers of the lines it keeps."""

    selected: list[int]

    def read_file(self, filename: str | PathLike[str], location: tuple[str, int] | None = None) -> list[str]:
        lines = []
        for number, text in enumerate(super().read_file(filename, location), start=1):
            line = Line(text)
            line.number = number
            lines.append(line)
        return lines

    def append_filter(self, lines: list[str], location: tuple[str, int] | None = None) -> list[str]:
        # The last of the filters: with no :append: (nor :prepend:, :dedent:), what reaches it is the selection.
        # Blank lines at either end are not counted: the page does not show them (or shows nothing there).
        selected = [line for line in lines if isinstance(line, Line)]
        while len(selected) > 1 and not selected[-1].strip():
            selected.pop()
        while len(selected) > 1 and not selected[0].strip():
            selected.pop(0)
        self.selected = [line.number for line in selected]
        return super().append_filter(lines, location)


def spans(numbers: list[int]) -> str:
    """[40, 41, 42, 50] → "lines 40–42, 50"; a single line is "line 7"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1][-1] = number
        else:
            runs.append([number, number])
    text = ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in runs)
    return f"line {text}" if len(numbers) == 1 else f"lines {text}"


class CaptionedLiteralInclude(LiteralInclude):
    def run(self) -> list[Node]:
        if "caption" in self.options or "diff" in self.options:
            return super().run()
        # A :name: goes on the captioned container, as Sphinx puts it there when the directive has a caption.
        name = self.options.pop("name", None)
        result = super().run()
        if name is not None:
            self.options["name"] = name
        if len(result) != 1 or not isinstance(result[0], nodes.literal_block):
            return result  # Sphinx's warning: the file or the lines were not found
        block = result[0]
        path = Path(block["source"]).resolve()
        options: dict[str, Any] = {key: value for key, value in self.options.items() if key in SELECTING}
        reader = NumberedReader(path, options, self.config)
        with logging.suppress_logging():  # a warning about the lines was given once already, by Sphinx's reader
            reader.read()
        root = Path(self.config.excerpts_root or self.env.srcdir.parent).resolve()
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else self.arguments[0]
        caption = nodes.caption("", "", nodes.literal(shown, shown), nodes.Text(f", {spans(reader.selected)}"))
        caption.source, caption.line = block.source, block.line
        container = nodes.container("", caption, block, literal_block=True, classes=["literal-block-wrapper"])
        self.add_name(container)
        return [container]


def setup(app: Sphinx) -> ExtensionMetadata:
    # The project's root, where paths in captions start: by default, the directory above the docs' sources.
    app.add_config_value("excerpts_root", "", "env", str)
    app.add_directive("literalinclude", CaptionedLiteralInclude, override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
