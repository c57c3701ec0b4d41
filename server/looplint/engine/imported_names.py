"""What a module's import statements bring within reach, read from its text without parsing.

The project index asks, for every module, which other modules' functions it could call; a
module can only call what its imports reach. Reading the imports with a regular expression
costs a small part of a parse, and a text with a syntax error elsewhere still has its imports
read. An import reaches either everything under a dotted *prefix* or the names a *module*
defines itself:

- ``from pkg.api import Client`` → prefix ``pkg.api.Client`` (the class and its methods, or a
  submodule of that name);
- ``from pkg.api import *`` → module ``pkg.api``;
- ``import pkg`` → module ``pkg`` (a submodule is an attribute only once it is imported);
- ``import pkg.api`` → prefix ``pkg.api``, and module ``pkg``, the name it binds;
- ``import pkg.api as api`` → prefix ``pkg.api``;
- relative imports are resolved against the importing module's name.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

_IMPORT_WORD = "import"
_FROM_IMPORT = re.compile(r"[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]*(\([^)]*\)|[^\n#;]*)")
_PLAIN_IMPORT = re.compile(r"[ \t]*import[ \t]+([^\n#;]+)")


@dataclass(frozen=True, slots=True)
class Imports:
    """What a module's imports reach (see the module's documentation)."""

    prefixes: frozenset[str]
    modules: frozenset[str]


def read_imports(text: str, module_name: str, *, is_package: bool = False) -> Imports:
    """The imports of a module's text (``module_name`` dotted; ``pkg`` for ``pkg/__init__``)."""
    prefixes: set[str] = set()
    modules: set[str] = set()
    for statement in _statements(text, module_name, is_package):
        if statement.is_from and statement.name == "*":
            modules.add(statement.source)
        elif statement.is_from:
            prefixes.add(f"{statement.source}.{statement.name}")
        else:
            if "." in statement.source:
                prefixes.add(statement.source)
            if "." not in statement.source or statement.alias is None:
                modules.add(statement.source.split(".")[0])  # the name it binds
    # Interned: the same names recur in many modules, which then share one string each (in
    # memory, and in the cache, where each is stored once).
    return Imports(frozenset(map(sys.intern, prefixes)), frozenset(map(sys.intern, modules)))


def imported_bindings(text: str, module_name: str, *, is_package: bool = False) -> dict[str, str]:
    """The names a module's imports bind, each to the dotted name of what it imports
    (``load`` → ``pkg.helpers.load_config`` for ``from .helpers import load_config as load``).
    Every import counts, wherever it is: a superset of what the module re-exports."""
    bound: dict[str, str] = {}
    for statement in _statements(text, module_name, is_package):
        if statement.is_from and statement.name != "*":
            bound[statement.alias or statement.name] = f"{statement.source}.{statement.name}"
        elif not statement.is_from and statement.alias is not None:
            bound[statement.alias] = statement.source
    return {sys.intern(name): sys.intern(target) for name, target in bound.items()}


@dataclass(frozen=True, slots=True)
class _ImportedName:
    """One name of an import statement: ``from source import name as alias`` or
    ``import source as alias`` (``name`` empty)."""

    is_from: bool
    source: str
    name: str
    alias: str | None


def _statements(text: str, module_name: str, is_package: bool) -> Iterator[_ImportedName]:
    for line_start in _lines_with_imports(text):
        if from_import := _FROM_IMPORT.match(text, line_start):
            source = _absolute(from_import.group(1), module_name, is_package)
            if source is None:
                continue
            for name, alias in _names(from_import.group(2).strip("()")):
                yield _ImportedName(True, source, name, alias)
        elif plain_import := _PLAIN_IMPORT.match(text, line_start):
            for dotted, alias in _names(plain_import.group(1)):
                yield _ImportedName(False, dotted, "", alias)


def _lines_with_imports(text: str) -> list[int]:
    """The start of every line that contains the word ``import`` (found without a regex)."""
    starts: list[int] = []
    found = text.find(_IMPORT_WORD)
    while found != -1:
        start = text.rfind("\n", 0, found) + 1
        if not starts or starts[-1] != start:
            starts.append(start)
        found = text.find(_IMPORT_WORD, found + len(_IMPORT_WORD))
    return starts


def _names(imported: str) -> list[tuple[str, str | None]]:
    """``a, b as c`` → ``[("a", None), ("b", "c")]``."""
    names: list[tuple[str, str | None]] = []
    for part in imported.replace("\\", " ").split(","):
        words = part.split()
        if words:
            alias = words[2] if len(words) >= 3 and words[1] == "as" else None
            names.append((words[0], alias))
    return names


def _absolute(source: str, module_name: str, is_package: bool) -> str | None:
    """``..helpers`` in ``pkg.sub.mod`` → ``pkg.helpers``; ``None`` above the top package."""
    level = len(source) - len(source.lstrip("."))
    if level == 0:
        return source
    package = module_name.split(".")
    if not is_package:
        package = package[:-1]
    if level - 1 > len(package) or (level - 1 == len(package) and not source[level:]):
        return None
    base = package[: len(package) - (level - 1)]
    rest = source[level:]
    return ".".join([*base, rest]) if rest else ".".join(base) or None
