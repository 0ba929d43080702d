"""The tutorial's "Your turn" tests: each fails until the learner has written that chapter's code.

So they run only when asked for by name (`uv run pytest tests/tutorial/test_ch03_your_turn.py`, or the whole
folder), never as part of `uv run pytest`. tests/docs/test_tutorial.py proves each one fails without its
chapter's reference solution (docs/tutorial/solutions/) and passes with it.
"""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.suffix != ".py" or collection_path.name == "conftest.py":
        return None
    asked = [(config.invocation_params.dir / arg.split("::")[0]).resolve() for arg in config.args]
    return not any(path in (HERE, collection_path.resolve()) for path in asked)
