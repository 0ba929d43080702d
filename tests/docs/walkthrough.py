"""Read a tutorial chapter's "Your turn" and "Check your work" sections and replay them in a copy of the project.

Each section's ```console blocks hold commands (`$ ...`) and the output a learner should see; `...` in an
output line stands for anything (timings, paths), and a line of just `...` for any lines. Its ```diff
blocks are edits the learner makes on purpose; they are applied with `git apply`, and a later
`git restore`/`git checkout` command undoes them like it does for the learner.
"""

import functools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[2]
SECTION = "Check your work"
YOUR_TURN = "Your turn"
PROMPT = "$ "


@dataclass
class Command:
    text: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Edit:
    patch: str


type Step = Command | Edit


def check_steps(markdown: str) -> list[Step]:
    """The commands and edits of the chapter's "Check your work" section, in reading order."""
    return section_steps(markdown, SECTION)


def your_turn_steps(markdown: str) -> list[Step]:
    """The commands and edits of the chapter's "Your turn" section (its heading may go on: "Your turn: ...")."""
    return section_steps(markdown, YOUR_TURN)


def section_steps(markdown: str, heading: str) -> list[Step]:
    """The commands and edits of the level-2 section whose heading is, or starts with, `heading`."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    steps: list[Step] = []
    inside = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            title = tokens[index + 1].content.strip()
            inside = title == heading or title.startswith(f"{heading}:")
        elif inside and token.type == "fence" and token.info.strip() == "console":
            steps.extend(_commands(token.content))
        elif inside and token.type == "fence" and token.info.strip() == "diff":
            steps.append(Edit(token.content))
    return steps


def _commands(block: str) -> list[Command]:
    commands: list[Command] = []
    continued = False
    for line in block.splitlines():
        if continued:
            commands[-1].text += "\n" + line
        elif line.startswith(PROMPT):
            commands.append(Command(line.removeprefix(PROMPT)))
        elif commands and line.strip():
            commands[-1].expected.append(line.rstrip())
        continued = bool(commands) and line.endswith("\\") and not commands[-1].expected
    return commands


def expects_failure(command: Command) -> bool:
    """Whether the output the chapter shows is of tests failing on purpose (e.g. "3 failed in ...")."""
    return any(re.fullmatch(r"(\.\.\.|\d+) failed(, .*)? in \.\.\.", line.strip()) for line in command.expected)


def missing_output(expected: list[str], output: str) -> list[str]:
    """The expected lines not found, in order, among the output's lines (each matched whole)."""
    lines = [line.rstrip() for line in output.splitlines()]
    position = 0
    for wanted in expected:
        if wanted.strip() == "...":
            continue
        pattern = re.compile(".*".join(re.escape(part) for part in wanted.split("...")))
        for offset, line in enumerate(lines[position:]):
            if pattern.fullmatch(line):
                position += offset + 1
                break
        else:
            return expected[expected.index(wanted) :]
    return []


def project_copy(destination: Path, root: Path = ROOT) -> Path:
    """The project as committed, as a learner's fresh clone has it, under git of its own.

    Committed, not the working tree: the replay proves the tutorial against the project, whatever the checkout
    holds besides (a learner's turn in progress, files edited while the suite runs). The commit is the one HEAD
    named when the run first asked (`committed`), so a commit made meanwhile changes nothing either. Outside a
    git checkout (an unpacked archive), the files as they are.
    """
    destination.mkdir(parents=True, exist_ok=True)
    commit = committed(root)
    if commit is None:
        _copy_working_tree(destination, root)
    else:
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=root, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(destination)], input=archive.stdout, check=True)
    git = ["git", "-c", "user.name=Learner", "-c", "user.email=learner@example.com"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "The tutorial's starting point"]):
        subprocess.run([*git, *command], cwd=destination, check=True, capture_output=True)
    return destination


@functools.cache
def committed(root: Path = ROOT) -> str | None:
    """The commit HEAD names now (asked once per run), or None outside a git checkout."""
    found = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=root, capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else None


def committed_text(path: Path) -> str:
    """A file of the project as `project_copy` copies it: at the commit, else as it is."""
    commit = committed()
    if commit is None:
        return path.read_text()
    relative = path.resolve().relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "show", f"{commit}:{relative}"], cwd=ROOT, capture_output=True, check=True)
    return shown.stdout.decode()


def _copy_working_tree(destination: Path, root: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\0")
    names = [name for name in listed if name] or [
        path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file() and ".venv" not in path.parts
    ]
    for name in names:
        source = root / name
        if source.is_file():  # a file deleted but not yet staged is listed and absent
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)


def learner_environment() -> dict[str, str]:
    """The learner's shell: `uv run` finds this suite's environment instead of creating a new one."""
    uv = os.environ.get("UV") or shutil.which("uv")
    if uv is None:
        raise RuntimeError("The tutorial's commands start with `uv run`: run the suite with `uv run pytest`.")
    env = {
        name: value
        for name, value in os.environ.items()
        # Leave out what the running suite set (its settings, its database, its test id) and the venv marker;
        # and PYTHONDONTWRITEBYTECODE, which some machines set and a learner's shell does not: without bytecode
        # caches, every command of a chapter would compile Django and the project again.
        if not name.startswith(("PYTEST_", "DJANGO_", "DATABASE_", "VIRTUAL_ENV"))
        and name not in {"CI", "PYTHONDONTWRITEBYTECODE"}
    }
    env["PATH"] = os.pathsep.join([str(Path(uv).parent), env.get("PATH", "")])
    env.update(UV_PROJECT_ENVIRONMENT=sys.prefix, UV_NO_SYNC="1", UV_OFFLINE="1", NO_COLOR="1")
    return env


def run(step: Step, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if isinstance(step, Edit):
        return subprocess.run(["git", "apply", "-"], input=step.patch, cwd=cwd, capture_output=True, text=True)
    return subprocess.run(
        ["bash", "-c", step.text],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
