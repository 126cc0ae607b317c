"""The project's own modules import one another without a cycle, and each layer imports only those below it.

The graph is read from the source with `ast`: imports at module level and inside functions both count; those
under `if TYPE_CHECKING:` do not, since they never run. An import names the module it loads (`from a import b`
loads the submodule a.b when there is one), not the packages above it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage", "dilemmas")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    return {_module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _graph() -> dict[str, set[str]]:
    sources = _sources()
    graph: dict[str, set[str]] = {}
    for name, path in sources.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in sources else base)
        graph[name] = {target for target in targets if target in sources and target != name}
    return graph


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle as the list of modules along it (the first one repeated at the end), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)) is not None:
            return cycle
    return None


def _offending(graph: dict[str, set[str]], importer: str, forbidden: tuple[str, ...]) -> list[str]:
    def within(module: str, package: str) -> bool:
        return module == package or module.startswith(f"{package}.")

    return sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if within(module, importer)
        for target in targets
        if any(within(target, package) for package in forbidden)
    )


def test_the_graph_sees_the_project() -> None:
    graph = _graph()
    assert "bot.clock" in graph
    assert "bot.outbox" in graph["bot.clock"]
    assert "bot.services.dilemmas" in graph["bot.wiring"]
    assert "handlers.home" in graph["bot.wiring"], "an import inside a function counts"


def test_no_import_cycle() -> None:
    cycle = _find_cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_storage_imports_neither_the_bot_nor_the_handlers() -> None:
    assert _offending(_graph(), "storage", ("bot", "handlers")) == []


def test_services_never_import_the_handlers() -> None:
    assert _offending(_graph(), "bot.services", ("handlers",)) == []
