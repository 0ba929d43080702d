"""The reader of "Check your work" sections: what counts as a command, an edit, and a match."""

import subprocess
from pathlib import Path

from tests.docs.walkthrough import Command, Edit, check_steps, missing_output, project_copy

CHAPTER = """# A chapter

```console
$ uv run python manage.py demo
```

## Check your work

```console
$ uv run lint-imports
...
Contracts: 5 kept, 0 broken.
$ echo one \\
  two
one two
```

```diff
--- a/x.py
+++ b/x.py
```

```text
$ not a command
```

## Later

```console
$ not checked
```
"""


def test_only_the_check_section_counts_and_steps_keep_their_order() -> None:
    assert check_steps(CHAPTER) == [
        Command("uv run lint-imports", ["...", "Contracts: 5 kept, 0 broken."]),
        Command("echo one \\\n  two", ["one two"]),
        Edit("--- a/x.py\n+++ b/x.py\n"),
    ]


def test_expected_lines_match_whole_lines_in_order_with_ellipses() -> None:
    output = "collecting\n14 passed in 1.52s\nbye\n"
    assert missing_output(["...", "14 passed in ..."], output) == []
    assert missing_output(["4 passed in ..."], output) == ["4 passed in ..."]  # whole line, not a substring
    assert missing_output(["bye", "14 passed in ..."], output) == ["14 passed in ..."]  # order matters
    assert missing_output(["14 passed in 1.52s", "b..."], output) == []


def test_the_copy_is_the_project_as_committed_whatever_the_checkout_holds(tmp_path: Path) -> None:
    """Issue 28.1: the replay copied the working tree, so a learner's own code (or a file edited while the suite
    ran) broke it."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com"]
    (checkout / "views.py").write_text("committed\n")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "one"]):
        subprocess.run([*git, *command], cwd=checkout, check=True, capture_output=True)
    (checkout / "views.py").write_text("the learner's turn, not committed\n")
    (checkout / "new.py").write_text("a new file, not committed\n")
    copy = project_copy(tmp_path / "copy", root=checkout)
    assert (copy / "views.py").read_text() == "committed\n"
    assert not (copy / "new.py").exists()
    subprocess.run([*git, "commit", "-qam", "two"], cwd=checkout, check=True, capture_output=True)
    again = project_copy(tmp_path / "again", root=checkout)
    assert (again / "views.py").read_text() == "committed\n"  # HEAD as the run first saw it
