"""`manage.py startremote`: in a copy of the project, the new remote is mounted, passes the checks, the contracts
and its own tests; bad names are refused before anything is written."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.fixtures import Settings

from host.management.commands.startremote import with_remote_mounted
from tests.docs.walkthrough import ROOT, project_copy

pytestmark = pytest.mark.server

BIN = Path(sys.executable).parent


def _run(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    # The copy's own settings and SQLite database, never the running suite's.
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "DATABASE_", "PYTEST_"))
    }
    return subprocess.run(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project in which `manage.py startremote gift_cards` ran.

    Not the tutorial's wishlist: a learner's clone may have one already, and this suite must pass there too."""
    copy = project_copy(tmp_path_factory.mktemp("project"))
    result = _run(copy, sys.executable, "manage.py", "startremote", "gift_cards")
    assert result.returncode == 0, result.stdout
    assert 'Mounted it: host/settings.py lists "gift_cards" in MOUNTED_REMOTES.' in result.stdout
    return copy


def test_it_creates_the_remote_and_its_tests(project: Path) -> None:
    for created in ("apps.py", "props.py", "components.py", "urls.py", "views.py", "standalone/settings.py"):
        assert (project / "apps/gift_cards" / created).is_file(), created
    assert (project / "apps/gift_cards/templates/gift_cards/gift_cards.html").is_file()
    assert (project / "apps/gift_cards/static/gift_cards/gift_cards.css").is_file()
    assert "class GiftCardsConfig(remote.RemoteConfig):" in (project / "apps/gift_cards/apps.py").read_text()
    assert sorted(path.name for path in (project / "tests/apps/gift_cards").glob("test_*.py")) == [
        "test_components.py",
        "test_mounting.py",
    ]


def test_it_mounts_the_remote_with_one_line(project: Path) -> None:
    diff = _run(project, "git", "diff", "--unified=0", "host/settings.py").stdout
    assert [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in {"+++", "---"}] == [
        '+    "gift_cards",'
    ]


def test_the_new_remote_passes_the_checks_the_contracts_and_its_own_tests(project: Path) -> None:
    check = _run(project, sys.executable, "manage.py", "check")
    assert "System check identified no issues" in check.stdout, check.stdout
    contracts = _run(project, str(BIN / "lint-imports"), "--no-cache")
    assert re.search(r"Contracts: \d+ kept, 0 broken\.", contracts.stdout), contracts.stdout
    lint = _run(project, str(BIN / "ruff"), "check", "apps/gift_cards", "tests/apps/gift_cards")
    assert lint.returncode == 0, lint.stdout
    formatted = _run(project, str(BIN / "ruff"), "format", "--check", "apps/gift_cards", "tests/apps/gift_cards")
    assert formatted.returncode == 0, formatted.stdout
    tests = _run(project, sys.executable, "-m", "pytest", "tests/apps/gift_cards", "-q", "-p", "no:cacheprovider")
    assert tests.returncode == 0, tests.stdout
    assert "4 passed" in tests.stdout


def test_the_new_remote_importing_another_breaks_independence(project: Path) -> None:
    components = project / "apps/gift_cards/components.py"
    source = components.read_text()
    components.write_text(f"{source}\nfrom apps.cart import bag  # noqa\n")
    try:
        result = _run(project, str(BIN / "lint-imports"), "--no-cache")
    finally:
        components.write_text(source)
    assert result.returncode != 0
    assert "Remotes are independent of each other BROKEN" in result.stdout
    assert "apps.gift_cards is not allowed to import apps.cart" in result.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Wish-list", "is not a remote name"),
        ("2lists", "is not a remote name"),
        ("class", "is not a remote name"),
        ("cart", "already mounts a remote named 'cart'"),
        ("auth", "already the label of an installed app (django.contrib.auth)"),
        ("json", "the name of an existing Python module"),
        ("api", "already the label of an installed app (api)"),
    ],
)
def test_bad_names_are_refused_before_anything_is_written(name: str, message: str) -> None:
    before = _tree()
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("startremote", name)
    assert _tree() == before


def _tree() -> tuple[str, list[str], list[str]]:
    """The host's settings and what is in apps/ and tests/apps/: what the command would change."""
    listing = [sorted(path.name for path in (ROOT / folder).iterdir()) for folder in ("apps", "tests/apps")]
    return (ROOT / "host/settings.py").read_text(), *listing


def test_a_folder_already_there_is_refused(tmp_path: Path, settings: Settings) -> None:
    settings.BASE_DIR = tmp_path
    (tmp_path / "apps/gift_cards").mkdir(parents=True)
    with pytest.raises(CommandError, match=r"apps/gift_cards already exists"):
        call_command("startremote", "gift_cards")


SETTINGS = """FEDERATION = {}
MOUNTED_REMOTES = [
    "products",
    "cart",
]
"""


def test_mounting_adds_one_line_at_the_end_of_the_list() -> None:
    assert with_remote_mounted(SETTINGS, "gift_cards") == SETTINGS.replace('"cart",\n', '"cart",\n    "gift_cards",\n')


@pytest.mark.parametrize(
    "source",
    [
        'MOUNTED_REMOTES = ["products", "cart"]\n',  # not one per line
        'MOUNTED_REMOTES = [\n    "products",\n    "cart"\n]\n',  # a line added after it would glue two strings
        'REMOTES = [\n    "cart",\n]\n',  # not the list the command knows
    ],
)
def test_mounting_refuses_a_list_it_cannot_extend_by_one_line(source: str) -> None:
    with pytest.raises(CommandError, match='add "gift_cards" to the remotes it mounts by hand'):
        with_remote_mounted(source, "gift_cards")
