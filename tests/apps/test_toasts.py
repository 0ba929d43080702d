"""Remotes speak to the visitor only through the host's `on_show_toast` prop: none imports Django's messages."""

import ast
from pathlib import Path

APPS = Path(__file__).resolve().parents[2] / "apps"


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, by its dotted name (`from x import y` counts as x and x.y)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return found


def test_no_remote_imports_djangos_messages() -> None:
    offenders = {
        str(path.relative_to(APPS.parent)): sorted(name for name in imports_of(path) if "contrib.messages" in name)
        for path in APPS.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_check_finds_such_an_import(tmp_path: Path) -> None:
    planted = tmp_path / "views.py"
    planted.write_text("from django.contrib import messages\nimport django.contrib.messages.api\n")
    assert {"django.contrib.messages", "django.contrib.messages.api"} <= imports_of(planted)
