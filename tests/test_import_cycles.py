"""No import circle anywhere in the code: not between the shop's modules, not in the benchmark's scripts.

A circle means two modules that cannot be read, tested or changed one without the other (issue 29: context →
wire → components → context; the benchmark's report ↔ throughput). Imports inside functions and under
TYPE_CHECKING count too: they only hide the circle from the interpreter, not from the reader.
"""

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("host", "apps", "api", "shared_store", "federation", "config", "monolith")


def circles(imports: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in imports.get(module, ()):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return found


def bench_imports() -> dict[str, set[str]]:
    """The benchmark's scripts (bench/*.py, run as scripts: they import each other by bare name)."""
    scripts = {path.stem: path for path in (ROOT / "bench").glob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in scripts.items():
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {alias.name.partition(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.partition(".")[0])
        graph[name] = names & set(scripts)
    return graph


def test_the_shops_modules_import_no_circle() -> None:
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    assert circles(imports) == []


def test_the_benchmarks_scripts_import_no_circle() -> None:
    assert circles(bench_imports()) == []


def test_a_circle_is_found() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
