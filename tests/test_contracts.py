"""The import-linter contracts in pyproject.toml bite: a forbidden import in a copy of the tree fails them."""

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["host", "apps", "api", "shared_store", "federation", "monolith"]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean copy of the packages and pyproject.toml."""
    copy = tmp_path_factory.mktemp("tree")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy)
    return copy


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=120)


def test_the_clean_tree_keeps_every_contract(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout
    contracts = tomllib.loads((tree / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert f"{len(contracts)} kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden_import", "broken_contract"),
    [
        ("apps/cart/components.py", "from apps.products import catalog", "Remotes are independent of each other"),
        ("apps/payment/views.py", "import apps.cart.props", "Remotes are independent of each other"),
        ("host/views.py", "from apps.products import components", "The host imports no remote"),
        ("api/views.py", "from apps.cart import props", "Layers: host > apps > api > shared_store > federation"),
        ("shared_store/__init__.py", "import api.client", "Layers: host > apps > api > shared_store > federation"),
        ("apps/analytics/views.py", "from shared_store import select", "Analytics does not depend on the store"),
        ("apps/analytics/views.py", "from apps.cart import props", "Remotes are independent of each other"),
        ("api/services.py", "from monolith import cart", "The federated shop does not import the monolith"),
        ("host/urls.py", "import monolith.views", "The federated shop does not import the monolith"),
        (
            "apps/payment/components.py",
            "from api import payments",
            "Remotes import the API's client only, never the backend",
        ),
        (
            "apps/cart/bag.py",
            "from api.services import order_place",
            "Remotes import the API's client only, never the backend",
        ),
        ("api/client/money.py", "from api.models import Product", "The API's client does not import the backend"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, tree: Path, module: str, forbidden_import: str, broken_contract: str
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tree, broken)
    target = broken / module
    target.write_text(f"{target.read_text()}\n{forbidden_import}  # noqa\n")
    result = _lint(broken)
    assert result.returncode != 0
    assert f"{broken_contract} BROKEN" in result.stdout


def test_an_indirect_import_between_remotes_breaks_independence(tmp_path: Path, tree: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tree, broken)
    # cart → a shared-looking helper inside payment → products: still a chain from one remote to another.
    (broken / "apps/payment/helpers.py").write_text("from apps.products import catalog  # noqa\n")
    target = broken / "apps/cart/components.py"
    target.write_text(f"{target.read_text()}\nfrom apps.payment import helpers  # noqa\n")
    result = _lint(broken)
    assert result.returncode != 0
    assert "Remotes are independent of each other BROKEN" in result.stdout


def test_a_new_remote_is_covered_by_independence_without_being_listed(tmp_path: Path, tree: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tree, broken)
    (broken / "apps/wishlist").mkdir(exist_ok=True)  # a learner's own wishlist (the tutorial's) is fine too
    (broken / "apps/wishlist/__init__.py").write_text("")
    (broken / "apps/wishlist/components.py").write_text("from apps.cart import bag  # noqa\n")
    result = _lint(broken)
    assert result.returncode != 0
    assert "Remotes are independent of each other BROKEN" in result.stdout
    assert "apps.wishlist is not allowed to import apps.cart" in result.stdout


def test_a_remote_reaches_the_backend_only_through_the_client(tmp_path: Path, tree: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tree, broken)
    # A name no learner gives a remote (chapter 10 makes a wishlist), so the probe is new in every tree.
    (broken / "apps/contract_probe").mkdir()
    (broken / "apps/contract_probe/__init__.py").write_text("")
    components = broken / "apps/contract_probe/components.py"
    components.write_text(
        "from api.client import api_client, money  # noqa\nfrom api.client.login import TokenLoginView  # noqa\n"
    )
    assert _lint(broken).returncode == 0  # the client, any of its modules, is the remote's way in
    components.write_text(f"{components.read_text()}from api.models import Product  # noqa\n")
    result = _lint(broken)
    assert result.returncode != 0
    assert "Remotes import the API's client only, never the backend BROKEN" in result.stdout
    assert "apps is not allowed to import api.models" in result.stdout
    assert "apps.contract_probe.components -> api.models" in result.stdout


def remote_imports(package: Path) -> list[str]:
    """Every `import apps…` / `from apps… import` statement in a package's source, read as Python, not as text
    (`from django.apps import apps` imports Django's registry, not a remote)."""
    found = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            found += [
                f"{path.name}:{node.lineno} {name}" for name in names if name == "apps" or name.startswith("apps.")
            ]
    return found


def test_host_source_never_imports_an_app(tmp_path: Path) -> None:
    assert remote_imports(ROOT / "host") == []
    # The check itself can fail, and tells Django's registry from a remote:
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "views.py").write_text("from django.apps import apps\nfrom apps.cart import props\nimport apps.products\n")
    assert remote_imports(probe) == ["views.py:2 apps.cart", "views.py:3 apps.products"]
