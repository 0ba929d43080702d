"""Every "Check your work" command in the tutorial runs as written and prints what the chapter says."""

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.docs.walkthrough import (
    ROOT,
    Command,
    Edit,
    check_steps,
    learner_environment,
    missing_output,
    project_copy,
    run,
)

TUTORIAL = ROOT / "docs" / "tutorial"
CHAPTERS = sorted(path for path in TUTORIAL.glob("[0-9]*.md"))
UNDO = ("git restore", "git checkout")


def test_the_tutorial_has_chapters_each_ending_with_checks() -> None:
    assert 2 <= len(CHAPTERS) <= 10
    for chapter in CHAPTERS:
        assert any(isinstance(step, Command) for step in check_steps(chapter.read_text())), chapter.name


def test_at_least_two_chapters_break_something_on_purpose() -> None:
    breaking = [c.name for c in CHAPTERS if any(isinstance(step, Edit) for step in check_steps(c.read_text()))]
    assert len(breaking) >= 2, breaking


def test_code_is_included_from_the_source_never_pasted() -> None:
    """Fenced code is for shell sessions and the exercises' diffs; source code comes in by `literalinclude`."""
    allowed = {"console", "diff", "text", "{literalinclude}", "{toctree}", "{note}", "{tip}", "{warning}"}
    for page in TUTORIAL.glob("*.md"):
        fences = [t.info.split()[0] for t in MarkdownIt("commonmark").parse(page.read_text()) if t.type == "fence"]
        assert set(fences) <= allowed, f"{page.name}: {set(fences) - allowed}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[chapter.stem for chapter in CHAPTERS])
def test_check_your_work_runs_as_written(chapter: Path, tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    env = learner_environment()
    broken = False  # after an on-purpose edit, a command may fail: its output is what the chapter shows
    for step in check_steps(chapter.read_text()):
        result = run(step, project, env)
        if isinstance(step, Edit):
            assert result.returncode == 0, f"the exercise's diff does not apply:\n{result.stderr}\n{step.patch}"
            broken = True
            continue
        if step.text.startswith(UNDO):
            broken = False
        missing = missing_output(step.expected, result.stdout)
        assert not missing, f"$ {step.text}\nexpected, in order:\n{missing}\ngot:\n{result.stdout}"
        if not broken:
            assert result.returncode == 0, f"$ {step.text}\nexited {result.returncode}:\n{result.stdout}"
