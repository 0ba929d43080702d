"""Every "Your turn" and "Check your work" command in the tutorial runs as written, twice, on a used shop, and
prints what it says (in the complete run, `--complete`, which CI runs); the tutorial's structure is checked in
every run. The replay follows the tutorial as committed, in a copy of the project as committed
(tests/docs/walkthrough.py): what a learner has changed in their checkout, committed after the run began or not,
changes nothing of it. Commit a change to the tutorial before replaying it."""

import re
import subprocess
from pathlib import Path

import pytest
from _pytest.mark import ParameterSet
from django.conf import settings
from markdown_it import MarkdownIt

from tests.docs.walkthrough import (
    ROOT,
    Command,
    Edit,
    Step,
    check_steps,
    committed_text,
    expects_failure,
    learner_environment,
    missing_output,
    project_copy,
    run,
    your_turn_steps,
)

pytestmark = pytest.mark.docs

TUTORIAL = ROOT / "docs" / "tutorial"
CHAPTERS = sorted(path for path in TUTORIAL.glob("[0-9]*.md"))
SOLUTIONS_DIR = TUTORIAL / "solutions"
SOLUTIONS = sorted(SOLUTIONS_DIR.glob("ch[0-9][0-9].patch"))
UNDO = ("git restore", "git checkout")


def test_the_tutorial_has_chapters_each_ending_with_checks() -> None:
    assert 2 <= len(CHAPTERS) <= 12
    for chapter in CHAPTERS:
        assert any(isinstance(step, Command) for step in check_steps(chapter.read_text())), chapter.name


def test_every_chapter_has_a_turn_whose_test_fails_before_and_passes_after_with_a_reference_solution() -> None:
    """The replay below runs both commands: the test failing as the turn shows, then passing in the check."""
    for chapter in CHAPTERS:
        test = f"uv run pytest tests/tutorial/test_ch{number(chapter):02d}_your_turn.py -q"
        turn = [s for s in your_turn_steps(chapter.read_text()) if isinstance(s, Command) and s.text == test]
        assert turn, f"{chapter.name}: its Your turn does not run `{test}`"
        assert expects_failure(turn[0]), f"{chapter.name}: its Your turn does not show `{test}` failing"
        check = [s for s in check_steps(chapter.read_text()) if isinstance(s, Command) and s.text == test]
        assert check, f"{chapter.name}: its check does not run `{test}`"
        assert any(re.fullmatch(r"\d+ passed in \.\.\.", line) for line in check[0].expected), chapter.name
        assert (ROOT / test.split()[3]).is_file(), test
        assert solution(chapter).read_text().startswith("diff --git"), solution(chapter)


def test_no_turn_prints_its_solution() -> None:
    """Issue 28.3: a turn is something to build (a specification, a test that guides); its diff is the reference
    solution in docs/tutorial/solutions/, not a step to copy. Diffs belong to the breaks of "Check your work"."""
    for chapter in CHAPTERS:
        printed = [step for step in your_turn_steps(chapter.read_text()) if isinstance(step, Edit)]
        assert not printed, f"{chapter.name}: its Your turn prints {len(printed)} diff(s) to copy"


def test_at_least_two_chapters_break_something_on_purpose() -> None:
    breaking = [c.name for c in CHAPTERS if any(isinstance(step, Edit) for step in check_steps(c.read_text()))]
    assert len(breaking) >= 2, breaking


def test_code_is_included_from_the_source_never_pasted() -> None:
    """Fenced code is for shell sessions and the exercises' diffs; source code comes in by `literalinclude`."""
    allowed = {"console", "diff", "text", "{literalinclude}", "{toctree}", "{note}", "{tip}", "{warning}"}
    for page in TUTORIAL.glob("*.md"):
        fences = [t.info.split()[0] for t in MarkdownIt("commonmark").parse(page.read_text()) if t.type == "fence"]
        assert set(fences) <= allowed, f"{page.name}: {set(fences) - allowed}"


class Learner:
    """A learner taking the chapters in order, in one copy of the project on one used shop.

    Each chapter starts from the copy with the earlier chapters' turns committed, as a learner who commits after
    each turn has it. A chapter followed again (the second time through) starts from that commit again, with the
    database as the first time left it. A chapter reached any other way (run alone, after a failure, or not
    right after the one before it) starts in a new copy with the earlier chapters' solutions applied.
    """

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.env = learner_environment()
        self.project: Path | None = None
        self.committed = 0  # chapters whose turn HEAD holds
        self.followed = 0  # chapters whose turn the working tree holds (committed, or one more)

    def ready_for(self, chapter: Path) -> str | None:
        """Bring the copy to where `chapter` starts; say what went wrong, if anything."""
        earlier = number(chapter) - 1
        if self.project is not None and self.followed == earlier and self.committed in (earlier, earlier - 1):
            git(self.project, "add", "-A")
            git(self.project, "commit", "-q", "--allow-empty", "-m", f"Chapter {earlier}'s turn")
        elif self.project is not None and self.committed == earlier:
            # The same chapter again: the files as they were, the database as the learner left it.
            discard_changes(self.project)
        elif problem := self.start(earlier):
            return problem
        self.committed = self.followed = earlier
        return None

    def start(self, chapters_done: int) -> str | None:
        """A new copy with the first `chapters_done` chapters' solutions, on a shop that has been used."""
        self.project = project = project_copy(self.tmp_path_factory.mktemp("learner"))
        for earlier in SOLUTIONS[:chapters_done]:
            if problem := apply_patch(committed_text(earlier), project):
                return f"{earlier.name} does not apply: {problem}"
        git(project, "add", "-A")
        git(project, "commit", "-q", "--allow-empty", "-m", "The earlier chapters' turns")
        # The learner has used the demo before the checks: its data, carts, a handoff, an order.
        used = run(
            Command("uv run python manage.py shell -c 'from tests.docs.used_shop import use; use()'"), project, self.env
        )
        return f"using the shop failed:\n{used.stdout}" if used.returncode else None

    def take(self, chapter: Path) -> str | None:
        """Follow the chapter from where it starts; say what went wrong, if anything."""
        problem = self.ready_for(chapter) or follow(chapter, self.project, self.env)
        if problem:
            self.project = None  # in a state no later chapter starts from
            return problem
        self.followed = number(chapter)
        return None


def follow(chapter: Path, project: Path, env: dict[str, str]) -> str | None:
    """The chapter's "Your turn" (its test failing first), the learner's code, then its "Check your work"."""
    markdown = committed_text(chapter)
    turn = your_turn_steps(markdown)
    if problem := replay_steps(turn, project, env, breaking=False):
        return problem
    # Written by hand, the learner's code is the chapter's reference solution; a turn made of commands and
    # edits has made it already. A turn that starts by generating files (`startremote`) and is then written to a
    # specification ends in the whole solution, generated files included: the copy goes back to where the
    # chapter started, and the solution makes it all.
    by_hand = not any(isinstance(step, Edit) for step in turn)
    if by_hand and any(isinstance(step, Command) and "startremote" in step.text for step in turn):
        discard_changes(project)
    if by_hand and (problem := apply_patch(committed_text(solution(chapter)), project)):
        return f"{solution(chapter).name} does not apply: {problem}"
    return replay_steps(check_steps(markdown), project, env, breaking=True)


def replay_steps(steps: list[Step], project: Path, env: dict[str, str], *, breaking: bool) -> str | None:
    """Run the steps; an edit is a change that breaks something on purpose when `breaking`, the learner's code
    otherwise. After a breaking edit a command may fail (its output is what the chapter shows) until undone."""
    broken = False
    for step in steps:
        result = run(step, project, env)
        if isinstance(step, Edit):
            if result.returncode != 0:
                return f"the chapter's diff does not apply:\n{result.stderr}\n{step.patch}"
            broken = breaking
            continue
        if step.text.startswith(UNDO):
            broken = False
        missing = missing_output(step.expected, result.stdout)
        if missing:
            return f"$ {step.text}\nexpected, in order:\n{missing}\ngot:\n{result.stdout}"
        if not broken and result.returncode != 0 and not expects_failure(step):
            return f"$ {step.text}\nexited {result.returncode}:\n{result.stdout}"
    return None


def number(chapter: Path) -> int:
    return int(chapter.name.split("-")[0])


def solution(chapter: Path) -> Path:
    return SOLUTIONS_DIR / f"ch{number(chapter):02d}.patch"


def apply_patch(patch: str, project: Path) -> str | None:
    result = subprocess.run(["git", "apply", "-"], input=patch, cwd=project, capture_output=True, text=True)
    return result.stderr if result.returncode else None


def discard_changes(project: Path) -> None:
    """Back to the last commit, keeping the used shop (its database is ignored by git). Ignored files under the
    code's folders go too: a remote's bytecode cache would keep its folder, and `startremote` refuses a folder
    that exists."""
    git(project, "reset", "-q", "--hard")
    git(project, "clean", "-q", "-fd")
    git(project, "clean", "-q", "-fdX", "--", "apps", "tests")


def git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Learner", "-c", "user.email=learner@example.com", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def learner(tmp_path_factory: pytest.TempPathFactory) -> Learner:
    return Learner(tmp_path_factory)


def made_already(chapter: Path) -> list[str]:
    """The remotes the chapter makes with `startremote` that this project mounts already (a learner's own)."""
    markdown = committed_text(chapter)
    steps = your_turn_steps(markdown) + check_steps(markdown)
    commands = [step.text for step in steps if isinstance(step, Command)]
    made = [name for command in commands for name in re.findall(r"startremote (\w+)", command)]
    return [name for name in made if name in settings.FEDERATION["REMOTES"]]


def passes() -> list[ParameterSet]:
    """Each chapter once, then again as a learner going through it a second time, in reading order: the chapters
    share one copy, each starting where the one before it ended. Two chains, each kept on one xdist worker, so the
    two halves of the tutorial replay side by side. In the complete run only (`slow`): it checks the tutorial
    against the project, not a learner's code, and costs minutes of nested commands."""
    halfway = len(CHAPTERS) // 2 + 1
    return [
        pytest.param(
            chapter,
            marks=[
                pytest.mark.xdist_group(f"tutorial-{'first' if number(chapter) <= halfway else 'second'}-half"),
                pytest.mark.slow,
            ],
            id=f"{chapter.stem}{'-again' if again else ''}",
        )
        for chapter in CHAPTERS
        for again in (False, True)
    ]


@pytest.mark.parametrize("chapter", passes())
def test_check_your_work_runs_as_written(chapter: Path, learner: Learner) -> None:
    if mounted := made_already(chapter):
        # A clone in which the learner made the chapter's remote: its copy cannot make it again from scratch.
        pytest.skip(f"{chapter.name} makes {', '.join(mounted)}, which this project mounts already")
    problem = learner.take(chapter)
    assert problem is None, problem
