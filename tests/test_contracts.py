"""The import-linter contracts in pyproject.toml bite: a forbidden import in a copy of the tree fails them.

`lint-imports` runs twice in all: on a clean copy, and on one copy holding every forbidden import at once; each
import must be named, as a chain, under the contract it breaks.
"""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["host", "apps", "api", "shared_store", "federation", "config", "monolith"]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


# Each forbidden import planted in the broken tree: the module it goes into, the import, the contract it breaks,
# and the chain import-linter must name for it. One tree holds them all, so `lint-imports` runs once for them.
VIOLATIONS = [
    (
        "apps/cart/components.py",
        "from apps.products import catalog",
        "Remotes are independent of each other",
        "apps.cart.components -> apps.products.catalog",
    ),
    (
        "apps/payment/views.py",
        "import apps.cart.props",
        "Remotes are independent of each other",
        "apps.payment.views -> apps.cart.props",
    ),
    (
        "host/views.py",
        "from apps.products import components",
        "The host imports no remote",
        "host.views -> apps.products.components",
    ),
    (
        "api/views.py",
        "from apps.cart import props",
        "Layers: host > apps > api > shared_store > federation > config",
        "api.views -> apps.cart.props",
    ),
    (
        "shared_store/__init__.py",
        "import api.client",
        "Layers: host > apps > api > shared_store > federation > config",
        "shared_store -> api.client",
    ),
    (
        "config/errors.py",
        "from federation import remote",
        "Layers: host > apps > api > shared_store > federation > config",
        "config.errors -> federation.remote",
    ),
    (
        "apps/analytics/views.py",
        "from shared_store import select",
        "Analytics does not depend on the store",
        "apps.analytics.views -> shared_store",
    ),
    (
        "apps/analytics/views.py",
        "from apps.cart import props",
        "Remotes are independent of each other",
        "apps.analytics.views -> apps.cart.props",
    ),
    (
        "api/services.py",
        "from monolith import cart",
        "The federated shop does not import the monolith",
        "api.services -> monolith.cart",
    ),
    (
        "host/urls.py",
        "import monolith.views",
        "The federated shop does not import the monolith",
        "host.urls -> monolith.views",
    ),
    (
        "apps/payment/components.py",
        "from api import payments",
        "Remotes import the API's client only, never the backend",
        "apps.payment.components -> api.payments",
    ),
    (
        "apps/cart/bag.py",
        "from api.services import order_place",
        "Remotes import the API's client only, never the backend",
        "apps.cart.bag -> api.services",
    ),
    (
        "api/client/money.py",
        "from api.models import Product",
        "The API's client does not import the backend",
        "api.client.money -> api.models",
    ),
    # A chain through a shared-looking helper inside another remote is still one remote importing another.
    (
        "apps/cart/components.py",
        "from apps.payment import helpers",
        "Remotes are independent of each other",
        "apps.cart.components -> apps.payment.helpers",
    ),
    (
        "apps/payment/helpers.py",
        "from apps.products import catalog",
        "Remotes are independent of each other",
        "apps.payment.helpers -> apps.products.catalog",
    ),
    # A remote added tomorrow is covered by independence without being listed (a learner's own wishlist from
    # the tutorial is fine too: the import is added to it).
    (
        "apps/wishlist/components.py",
        "from apps.cart import bag",
        "Remotes are independent of each other",
        "apps.wishlist.components -> apps.cart.bag",
    ),
    # A remote reaches the backend only through the client: the probe's client imports are kept in the clean
    # tree; this one is not.
    (
        "apps/contract_probe/components.py",
        "from api.models import Product",
        "Remotes import the API's client only, never the backend",
        "apps.contract_probe.components -> api.models",
    ),
]
# A remote that imports the client, any of its modules: its way in to the backend, kept by every contract. A name
# no learner gives a remote (chapter 10 makes a wishlist), so the probe is new in every tree.
CLIENT_PROBE = "from api.client import api_client, money  # noqa\nfrom api.client.login import TokenLoginView  # noqa\n"


def copy_of_the_packages(destination: Path) -> Path:
    """A copy of the packages and pyproject.toml, with the probe remote that imports only the client."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, destination / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", destination)
    (destination / "apps/contract_probe").mkdir()
    (destination / "apps/contract_probe/__init__.py").write_text("")
    (destination / "apps/contract_probe/components.py").write_text(CLIENT_PROBE)
    return destination


def plant(tree: Path, module: str, forbidden_import: str) -> None:
    target = tree / module
    target.parent.mkdir(parents=True, exist_ok=True)
    (target.parent / "__init__.py").touch()
    target.write_text(f"{target.read_text() if target.exists() else ''}\n{forbidden_import}  # noqa\n")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=120)


def broken_sections(report: str) -> dict[str, str]:
    """The text import-linter prints under each broken contract's name (its violations and their chains)."""
    _, _, broken = report.partition("Broken contracts\n----------------\n")
    # Each contract's section starts with its name underlined by dashes.
    parts = re.split(r"^(.+)\n-+\n", broken, flags=re.MULTILINE)
    return {name.strip(): text for name, text in zip(parts[1::2], parts[2::2], strict=True)}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on a copy of the packages: the project as it is, and a remote importing only the client."""
    return _lint(copy_of_the_packages(tmp_path_factory.mktemp("clean")))


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """`lint-imports` once on a copy with every forbidden import of VIOLATIONS planted; its report by contract."""
    tree = copy_of_the_packages(tmp_path_factory.mktemp("broken"))
    for module, forbidden_import, _, _ in VIOLATIONS:
        plant(tree, module, forbidden_import)
    result = _lint(tree)
    return result, broken_sections(result.stdout)


def test_the_clean_tree_keeps_every_contract(clean: subprocess.CompletedProcess[str]) -> None:
    assert clean.returncode == 0, clean.stdout
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert f"{len(contracts)} kept, 0 broken" in clean.stdout


@pytest.mark.parametrize(
    ("module", "forbidden_import", "broken_contract", "chain"),
    VIOLATIONS,
    ids=[f"{module}: {forbidden_import}" for module, forbidden_import, _, _ in VIOLATIONS],
)
def test_a_forbidden_import_breaks_its_contract(
    broken: tuple[subprocess.CompletedProcess[str], dict[str, str]],
    module: str,
    forbidden_import: str,
    broken_contract: str,
    chain: str,
) -> None:
    result, sections = broken
    assert result.returncode != 0
    assert f"{broken_contract} BROKEN" in result.stdout, result.stdout
    assert re.search(rf"^[-\s]*{re.escape(chain)} \(l\.\d+\)$", sections[broken_contract], re.MULTILINE), (
        f"{broken_contract!r} does not name {chain}:\n{sections[broken_contract]}"
    )


def test_the_broken_report_says_which_remote_may_not_import_which(
    broken: tuple[subprocess.CompletedProcess[str], dict[str, str]],
) -> None:
    _, sections = broken
    independence = sections["Remotes are independent of each other"]
    assert "apps.wishlist is not allowed to import apps.cart" in independence
    assert (
        "apps is not allowed to import api.models"
        in sections["Remotes import the API's client only, never the backend"]
    )


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
