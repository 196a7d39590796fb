"""The code's shape, kept: modules and functions of app/ within their sizes, every module named
in docs/architecture.md, and no module at the app/ root but the application's entry points."""

import ast
from pathlib import Path

from tests.paths import APP_DIR as APP
from tests.paths import ROOT as REPO

MODULE_LINES = 300
FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def test_every_module_of_app_is_at_most_300_lines() -> None:
    long = {str(p.relative_to(REPO)): n for p in _modules()
            if (n := p.read_text(encoding="utf-8").count("\n")) > MODULE_LINES}  # fmt: skip
    assert long == {}


def test_every_function_of_app_is_at_most_60_lines() -> None:
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > FUNCTION_LINES:
                    long[f"{path.relative_to(REPO)}:{node.lineno} {node.name}"] = lines
    assert long == {}


def test_every_module_is_named_in_the_architecture_document() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [str(p.relative_to(REPO)) for p in _modules()
               if p.name != "__init__.py" and p.name not in text]  # fmt: skip
    assert missing == []


def test_the_app_root_holds_the_layers_and_the_entry_point_only() -> None:
    root = sorted(p.name for p in APP.iterdir() if p.name != "__pycache__")
    assert root == ["__init__.py", "api", "cli", "core", "evaluate", "extract", "ingest",
                    "main.py", "queries", "static"]  # fmt: skip
