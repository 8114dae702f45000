"""docs/architecture.md's import graph is true: apps import only apps below them."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def layers():
    text = (ROOT / "docs" / "architecture.md").read_text()
    block = re.search(r"```layers\n(.*?)```", text, re.S).group(1)
    return [line.split() for line in block.strip().splitlines()]


def rank():
    return {app: depth for depth, row in enumerate(layers()) for app in row}


def imports_of(app):
    """(file, imported top-level module) for every project import in the app's code."""
    known = rank()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in known and top != app:
                    yield path.relative_to(ROOT), top


def test_every_app_folder_is_in_the_layer_list():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"tools", "longtoblog"}
    assert apps <= set(rank()), f"add {apps - set(rank())} to docs/architecture.md"


def test_imports_only_point_down():
    known = rank()
    upward = [f"{path} imports {target}" for app in known if (ROOT / app).is_dir()
              for path, target in imports_of(app) if known[target] <= known[app]]
    assert upward == []
