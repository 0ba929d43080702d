"""Chapter 8, your turn: a contract that keeps the monolith standing alone: it imports nothing of the split shop."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPLIT = {"host", "apps", "api", "shared_store", "federation"}


def monolith_contract() -> dict:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    found = [c for c in contracts if c.get("type") == "forbidden" and c.get("source_modules") == ["monolith"]]
    assert found, 'Add a "forbidden" contract with source_modules = ["monolith"] to pyproject.toml.'
    return found[0]


def test_the_monolith_may_import_nothing_of_the_split_shop() -> None:
    contract = monolith_contract()
    assert set(contract["forbidden_modules"]) >= SPLIT, SPLIT - set(contract["forbidden_modules"])
    assert contract.get("id"), "Give the contract an id, so it can be run (and named) on its own."


def test_lint_imports_keeps_it() -> None:
    contract = monolith_contract()
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--contract", contract["id"]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "Contracts: 1 kept, 0 broken." in result.stdout, result.stdout + result.stderr
