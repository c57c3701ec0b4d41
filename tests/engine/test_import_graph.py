"""The engine's modules import one another without a circle, and the engine imports nothing of
the layers above it (the project layer, the front ends) nor of the editor side (pygls, jedi).

The import graph is read from the source with ``ast``: every ``import`` counts, those under
``if TYPE_CHECKING:`` and inside functions too, since each is a dependency all the same.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

ENGINE = Path(__file__).parents[2] / "server" / "looplint" / "engine"
FORBIDDEN = ("looplint.project", "looplint.cli", "looplint.lsp", "pygls", "lsprotocol", "jedi")

ImportGraph = Mapping[str, frozenset[str]]


def is_forbidden(name: str) -> bool:
    return any(name == top or name.startswith(f"{top}.") for top in FORBIDDEN)


def module_name(package: Path, path: Path) -> str:
    """``engine/fixes/make_async.py`` → ``looplint.engine.fixes.make_async`` (for ``package``
    ``server/looplint/engine``; an ``__init__.py`` is its package)."""
    parts = list(path.relative_to(package.parent.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, importer: str) -> Iterator[tuple[str, str | None]]:
    """What a module imports, absolute: ``import a.b`` → ``("a.b", None)``, ``from p import x``
    → ``("p", "x")`` (relative imports resolved against ``importer``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = importer.split(".")
                kept = len(anchor) - node.level + (path.name == "__init__.py")
                base = ".".join([*anchor[:kept], base] if base else anchor[:kept])
            yield from ((base, alias.name) for alias in node.names)


def modules_of(package: Path) -> dict[str, Path]:
    return {module_name(package, path): path for path in sorted(package.rglob("*.py"))}


def import_graph(package: Path) -> ImportGraph:
    """Each module of ``package`` → the modules of ``package`` it imports. ``from p import x``
    depends on the submodule ``p.x`` where there is one, on ``p`` itself otherwise."""
    sources = modules_of(package)
    graph = {}
    for importer, path in sources.items():
        targets = set()
        for module, name in imports_of(path, importer):
            submodule = f"{module}.{name}"
            targets.add(submodule if name is not None and submodule in sources else module)
        graph[importer] = frozenset(targets & sources.keys() - {importer})
    return graph


def circle(graph: ImportGraph) -> list[str] | None:
    """A circle of imports (its first module repeated at its end), or ``None``."""
    finished: set[str] = set()
    path: list[str] = []

    def from_here(name: str) -> list[str] | None:
        path.append(name)
        for target in sorted(graph[name]):
            if target in path:
                return [*path[path.index(target) :], target]
            if target not in finished and (found := from_here(target)) is not None:
                return found
        path.pop()
        finished.add(name)
        return None

    for name in sorted(graph):
        if name not in finished and (found := from_here(name)) is not None:
            return found
    return None


def forbidden_imports(package: Path) -> dict[str, list[str]]:
    """The modules of ``package`` that import a forbidden one, with what they import."""
    found = {}
    for importer, path in modules_of(package).items():
        names = {n for m, x in imports_of(path, importer) for n in (m, x and f"{m}.{x}") if n}
        if bad := sorted(name for name in names if is_forbidden(name)):
            found[importer] = bad
    return found


def test_the_engine_has_no_import_circle() -> None:
    graph = import_graph(ENGINE)
    assert "looplint.engine.module_pass" in graph["looplint.engine.analysis"]  # it read them
    assert circle(graph) is None


def test_the_engine_imports_no_layer_above_it_nor_the_editor_side() -> None:
    assert forbidden_imports(ENGINE) == {}


def test_importing_every_engine_module_loads_none_of_them() -> None:
    """The same, as Python sees it: a fresh interpreter imports each engine module."""
    program = (
        "import importlib, sys\n"
        f"for name in {sorted(modules_of(ENGINE))!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    loaded = run.stdout.split()
    assert "looplint.engine.fixes.make_async" in loaded
    assert [name for name in loaded if is_forbidden(name)] == []


# The checks above, on packages written for them: they find what they look for.


def write_package(root: Path, files: Mapping[str, str]) -> Path:
    package = root / "looplint" / "pkg"
    for relative, text in {"__init__.py": "", **files}.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_a_circle_through_a_type_checking_import_is_found(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "a.py": "from looplint.pkg.b import B\n",
            "b.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from looplint.pkg.sub.c import C\n",
            "sub/__init__.py": "",
            "sub/c.py": "from ..a import A\n",
        },
    )
    found = circle(import_graph(package))
    assert found == ["looplint.pkg.a", "looplint.pkg.b", "looplint.pkg.sub.c", "looplint.pkg.a"]


def test_a_submodule_imported_from_its_package_is_no_circle_through_the_package(
    tmp_path: Path,
) -> None:
    """``from looplint.pkg import a`` depends on ``a``, not on ``pkg/__init__.py``, which
    imports the importer here."""
    package = write_package(
        tmp_path,
        {
            "__init__.py": "from looplint.pkg.b import b\n",
            "a.py": "def a(): ...\n",
            "b.py": "from looplint.pkg import a\n\ndef b(): ...\n",
        },
    )
    graph = import_graph(package)
    assert graph["looplint.pkg.b"] == {"looplint.pkg.a"}
    assert circle(graph) is None


def test_a_function_level_import_of_a_front_end_is_seen(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "a.py": "def f():\n    import pygls.server\n",
            "b.py": "from looplint import project\n",
            "c.py": "from looplint.projects import x\n",  # only looks like one
        },
    )
    assert forbidden_imports(package) == {
        "looplint.pkg.a": ["pygls.server"],
        "looplint.pkg.b": ["looplint.project"],
    }
