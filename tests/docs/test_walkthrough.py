"""The reader of "Check your work" sections: what counts as a command, an edit, and a match."""

from tests.docs.walkthrough import Command, Edit, check_steps, missing_output

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
