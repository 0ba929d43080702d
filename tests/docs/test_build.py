"""The docs build in strict mode: a warning (a broken link, an include that no longer resolves) fails it.

Both tests read one build, made once for the module.
"""

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.docs.walkthrough import ROOT

pytestmark = pytest.mark.docs

DOCS = ROOT / "docs"
# Sphinx's HTML for a code block with a caption: the caption's text (before its ¶ link), then the code.
CAPTIONED = re.compile(
    r'<div class="literal-block-wrapper.*?<span class="caption-text">(?P<caption>.*?)</span><a class="headerlink"'
    r".*?<pre>(?P<code>.*?)</pre>",
    re.DOTALL,
)
# "host/mount.py, lines 40–58", "…, line 7" or, for lines that are not one run, "…, lines 3–5, 9".
WHERE = re.compile(r"(?P<path>\S+), lines? (?P<spans>\d+(?:–\d+)?(?:, \d+(?:–\d+)?)*)")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("html")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "docs", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, out


def test_the_docs_build_without_a_single_warning(build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, out = build
    assert result.returncode == 0, result.stderr
    assert (out / "tutorial" / "index.html").exists()


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def line_numbers(spans: str) -> list[int]:
    numbers = []
    for span in spans.split(", "):
        first, _, last = span.partition("–")
        numbers += range(int(first), int(last or first) + 1)
    return numbers


def test_every_excerpt_names_its_file_and_lines(build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    """Each `literalinclude` shows, above the code, the file's path from the project's root and the lines it shows."""
    _, out = build
    checked = 0
    for page in sorted(DOCS.rglob("*.md")):
        includes = [
            token
            for token in MarkdownIt("commonmark").parse(page.read_text())
            if token.type == "fence" and token.info.startswith("{literalinclude}")
        ]
        if not includes:
            continue
        name = page.relative_to(DOCS).as_posix()
        blocks = CAPTIONED.findall((out / page.relative_to(DOCS).with_suffix(".html")).read_text())
        counts = len(includes), len(blocks)
        assert counts[0] == counts[1], f"{name}: {counts[0]} excerpts, {counts[1]} with a caption"
        for include, (caption, code) in zip(includes, blocks, strict=True):
            source = (page.parent / include.info.split(maxsplit=1)[1]).resolve()
            where = WHERE.fullmatch(text(caption))
            assert where, f"{name}, line {include.map[0] + 1}: the caption {text(caption)!r} names no file and lines"
            assert where["path"] == source.relative_to(ROOT).as_posix(), f"{name}, line {include.map[0] + 1}"
            lines = (ROOT / where["path"]).read_text().splitlines()
            shown = text(code).splitlines()
            # A :prepend: or :append: line is the docs' own, not the file's; :dedent: changes only the indent.
            options = {line.split(":")[1] for line in include.content.splitlines() if line.startswith(":")}
            shown = [line.strip() for line in shown[int("prepend" in options) : len(shown) - int("append" in options)]]
            while shown and not shown[-1]:  # the caption leaves out blank lines at the ends, and so may the page
                shown.pop()
            while shown and not shown[0]:
                shown.pop(0)
            quoted = [lines[number - 1].strip() for number in line_numbers(where["spans"])]
            assert shown == quoted, f"{name}, line {include.map[0] + 1}: {where[0]}"
            checked += 1
    assert checked >= 100, checked
