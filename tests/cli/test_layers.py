"""The layers stay true: a module imports only from its own layer or the layers below it.

The order (docs/design.md, "Layers"), lowest first. A module may import from its own layer
and from any layer before it in this list; an import the other way (a view reaching into a
renderer, the engine reading a file) fails here, with the module and line to change.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pmladder

PACKAGE = Path(pmladder.__file__).resolve().parent

LAYERS = ("engine", "text", "words", "store", "inputs", "views", "render", "ask", "cli")

# Imports that go up a layer on purpose, each with the reason a reader accepts. Keep this short.
ALLOWED_UP: dict[tuple[str, str], str] = {}


def layer_of(module: str) -> str | None:
    """'pmladder.views.plan' -> 'views'; the package's root (version, exit codes, __main__) has none."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def imports(path: Path) -> tuple[tuple[int, str], ...]:
    """(line, imported module) for every pmladder import in `path`, relative ones resolved; each file
    parsed once a test process (the two tests below read every module: the file runs on one worker)."""
    return tuple(_imports(path))


def _imports(path: Path):
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("pmladder"):
                continue
            if node.module is None or target in ("pmladder",) or layer_of(target) is None:
                for alias in node.names:  # `from .. import words`: the name may be a layer
                    yield node.lineno, f"{target}.{alias.name}"
            else:
                yield node.lineno, target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pmladder"):
                    yield node.lineno, alias.name


def test_every_module_lives_in_a_layer():
    # The package root keeps only what every layer shares: the version and the exit codes (with
    # `Fail`, the failure any layer may raise), and `python -m pmladder`.
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py", "exits.py"))
    assert not loose, f"modules outside the layer folders: {loose}"
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert folders == sorted(LAYERS), folders


def test_each_layer_says_what_it_is_for():
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()[0]) > 20, f"pmladder/{layer}/__init__.py needs a one-line docstring"


def test_no_layer_imports_a_layer_above_it():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = layer_of(module_name(path))
        if here is None:
            continue
        for line, target in imports(path):
            there = layer_of(target)
            if there is None or LAYERS.index(there) <= LAYERS.index(here):
                continue
            if (module_name(path), target) in ALLOWED_UP:
                continue
            wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {target} ({there} is above {here})")
    assert not wrong, "\n".join(wrong)


def test_the_allowed_exceptions_are_still_needed():
    """An exception that no import uses any more is removed, so the list only shrinks."""
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for _, target in imports(path):
            used.add((module_name(path), target))
    assert set(ALLOWED_UP) <= used, sorted(set(ALLOWED_UP) - used)
