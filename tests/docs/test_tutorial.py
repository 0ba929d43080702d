"""Every "Check your work" command in the tutorial runs as written, twice, on a used shop, and prints what it says."""

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
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
    assert 2 <= len(CHAPTERS) <= 11
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


def replay(chapter: Path, project: Path) -> str | None:
    """Run the chapter's checks twice in a copy of the project whose shop was used; say what went wrong."""
    project_copy(project)
    env = learner_environment()
    # The learner has used the demo before the checks: its data, carts, a handoff, an order.
    used = run(Command("uv run python manage.py shell -c 'from tests.docs.used_shop import use; use()'"), project, env)
    if used.returncode != 0:
        return f"using the shop failed:\n{used.stdout}"
    for attempt in ("first", "second"):
        if problem := replay_once(chapter, project, env):
            return f"{attempt} time through: {problem}"
        # As a learner going through the chapter again: the files as cloned, the database as they left it.
        for command in (["git", "reset", "-q", "--hard"], ["git", "clean", "-q", "-fd"]):
            subprocess.run(command, cwd=project, check=True, capture_output=True)
    return None


def replay_once(chapter: Path, project: Path, env: dict[str, str]) -> str | None:
    broken = False  # after an on-purpose edit, a command may fail: its output is what the chapter shows
    for step in check_steps(chapter.read_text()):
        result = run(step, project, env)
        if isinstance(step, Edit):
            if result.returncode != 0:
                return f"the exercise's diff does not apply:\n{result.stderr}\n{step.patch}"
            broken = True
            continue
        if step.text.startswith(UNDO):
            broken = False
        missing = missing_output(step.expected, result.stdout)
        if missing:
            return f"$ {step.text}\nexpected, in order:\n{missing}\ngot:\n{result.stdout}"
        if not broken and result.returncode != 0:
            return f"$ {step.text}\nexited {result.returncode}:\n{result.stdout}"
    return None


@pytest.fixture(scope="session")
def replays(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | None]:
    """Every selected chapter replayed, several at once: each works in its own copy, so they cannot collide."""
    selected = {
        item.callspec.params["chapter"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_check_your_work_runs_as_written"
        and not made_already(item.callspec.params["chapter"])
    }
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outcomes = {c.stem: pool.submit(replay, c, tmp_path_factory.mktemp(c.stem)) for c in selected}
    return {stem: outcome.result() for stem, outcome in outcomes.items()}


def made_already(chapter: Path) -> list[str]:
    """The remotes the chapter makes with `startremote` that this project mounts already (a learner's own)."""
    commands = [step.text for step in check_steps(chapter.read_text()) if isinstance(step, Command)]
    made = [name for command in commands for name in re.findall(r"startremote (\w+)", command)]
    return [name for name in made if name in settings.FEDERATION["REMOTES"]]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[chapter.stem for chapter in CHAPTERS])
def test_check_your_work_runs_as_written(chapter: Path, replays: dict[str, str | None]) -> None:
    if mounted := made_already(chapter):
        # A clone in which the learner made the chapter's remote: its copy cannot make it again from scratch.
        pytest.skip(f"{chapter.name} makes {', '.join(mounted)}, which this project mounts already")
    problem = replays[chapter.stem]
    assert problem is None, problem
