"""The docs build in strict mode: a warning (a broken link, an include that no longer resolves) fails it."""

import subprocess
import sys
from pathlib import Path

from tests.docs.walkthrough import ROOT


def test_the_docs_build_without_a_single_warning(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "docs", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tutorial" / "index.html").exists()
