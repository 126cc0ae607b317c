"""The services never import the view layer (bot.blocks, bot.texts) or the listeners (handlers): the words and Block
Kit they queue are given to them through Deps.messages, and the problems they report are codes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parent.parent / "bot" / "services"
FORBIDDEN = ("bot.blocks", "bot.texts", "handlers")


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it (functions and TYPE_CHECKING blocks included)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"line {node.lineno}: relative imports hide what is imported"
            module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]  # from bot import texts
    return found


def _forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


def test_the_service_files_are_found() -> None:
    assert len(list(SERVICES.rglob("*.py"))) > 20


@pytest.mark.parametrize("path", sorted(SERVICES.rglob("*.py")), ids=lambda path: str(path.relative_to(SERVICES)))
def test_a_service_imports_neither_the_view_layer_nor_the_handlers(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    offending = [f"line {line}: {module}" for line, module in _imported(tree) if _forbidden(module)]
    assert offending == []


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("from bot.blocks import dilemmas as blocks", True),
        ("import bot.texts.common", True),
        ("from bot import texts", True),
        ("from handlers.common import private", True),
        ("if TYPE_CHECKING:\n    from bot.texts.cpd import ERROR_REQUIRED", True),
        ("def f():\n    from bot.blocks.cpd import announcement", True),
        ("from bot.text import escape", False),
        ("from bot import outbox, clock", False),
        ("from bot.services.cpd import events", False),
    ],
)
def test_the_check_tells_view_imports_from_others(source: str, caught: bool) -> None:
    assert any(_forbidden(module) for _, module in _imported(ast.parse(source))) is caught
