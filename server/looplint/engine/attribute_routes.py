"""Loop starters other modules reach through the attributes of a class's instances.

In ``app.py``, ``self.service.fetcher.fetch()`` where ``self.service`` is a ``service.Service``:
what ``fetcher`` is, ``service.py`` says (``self.fetcher = Fetcher()``), and ``fetchers.py``
whether ``Fetcher.fetch`` starts a loop. The engine names such a call by the path it takes,
``service.Service.fetcher.fetch`` (``instances``); a *route* is such a path that ends at a loop
starter. Routes start from the classes that declare the attributes, through attributes of
attributes, so that the index can resolve them, and say which modules' text can take them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass

from looplint.engine.imported_names import Imports

# Attributes of attributes followed, as deep as within a module (``instances``): a class whose
# attribute is of its own class (``self.next: Node``) makes a route of each depth up to this.
MAX_ATTRIBUTE_DEPTH = 8
# Routes kept at the most: classes whose attributes refer to each other (an app, its screens,
# their widgets, each holding the app) make a number of paths that grows exponentially with
# the depth — textual 8.0 would take gigabytes. Past this many, no longer route is added.
MAX_ROUTES = 5_000
_CONSTRUCTOR = "__init__"  # ``self.fetcher()`` calls ``__call__``, never ``__init__``


@dataclass(frozen=True, slots=True)
class Route:
    """``service.Service.fetcher.fetch``: where it starts and the starter it ends at."""

    owner: str  # the module of the class the route starts from
    target: str  # the loop starter's key


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """What routes are made of, as the project index knows it."""

    starters: Mapping[str, str]  # starter key → the module defining it
    modules: Iterable[str]
    imports_of: Callable[[str], Imports]  # what a module's imports reach (re-exports followed)
    bindings_of: Callable[[str], Mapping[str, str]]  # what a module's imports bind, by name
    declares: Callable[[str, Set[str]], bool]  # whether a module names one as ``declared_in``
    attribute_classes_of: Callable[[str], Mapping[str, Mapping[str, str]]]
    located: Callable[[str], str]  # a class's dotted name where it is defined (re-exports)


def is_route(key: str) -> bool:
    """Whether a callee key is a path through an attribute of a class's instance
    (``service.Service.fetcher.fetch``): a name follows the class's that names no class."""
    if ".<locals>." in key:
        return False  # nothing another module declares
    parts = key.split(".")
    for index, part in enumerate(parts[:-1]):
        if part[:1].isupper():
            return any(not later[:1].isupper() for later in parts[index + 1 : -1])
    return False


def attribute_routes(facts: ProjectFacts) -> dict[str, Route]:
    """Every route (by its path) from a class to a starter through its instances' attributes."""
    ends: dict[str, dict[str, str]] = {}  # class → the starters reached from it, by suffix
    class_module: dict[str, str] = {}
    for key, owner in facts.starters.items():
        below = key[len(owner) + 1 :].split(".")
        if ".<locals>." in key or len(below) < 2 or below[-1] == _CONSTRUCTOR:
            continue
        klass = key.rpartition(".")[0]
        ends.setdefault(klass, {})[below[-1]] = key
        class_module[klass] = owner
    fresh = {klass: dict(suffixes) for klass, suffixes in ends.items()}
    routes = sum(len(suffixes) for suffixes in ends.values())
    for _ in range(MAX_ATTRIBUTE_DEPTH):
        if not fresh or routes > MAX_ROUTES:
            break
        fresh = _one_attribute_more(facts, fresh, class_module, ends, MAX_ROUTES - routes)
        routes += sum(len(suffixes) for suffixes in fresh.values())
    return {
        f"{klass}.{suffix}": Route(class_module[klass], key)
        for klass, suffixes in ends.items()
        for suffix, key in suffixes.items()
        if "." in suffix  # through an attribute: the others are the starters themselves
    }


def _one_attribute_more(
    facts: ProjectFacts,
    fresh: Mapping[str, Mapping[str, str]],
    class_module: dict[str, str],
    ends: dict[str, dict[str, str]],
    room: int,
) -> dict[str, dict[str, str]]:
    """The routes one attribute longer than ``fresh`` (the routes found last), added to
    ``ends`` until there are ``room`` new ones; returns the new ones. Only modules that can
    name a class of ``fresh`` can declare an attribute of it: only they are read."""
    names_under: dict[str, set[str]] = {}  # a module or dotted prefix → its fresh classes' names
    for klass in fresh:
        name = klass.rpartition(".")[2]
        for prefix in (*_dotted_prefixes(klass), class_module[klass]):
            names_under.setdefault(prefix, set()).add(name)
    grown: dict[str, dict[str, str]] = {}
    for module in facts.modules:
        if not _may_declare(facts, module, names_under):
            continue
        for klass, attributes in facts.attribute_classes_of(module).items():
            for attribute, declared in attributes.items():
                for suffix, key in fresh.get(facts.located(declared), {}).items():
                    longer = f"{attribute}.{suffix}"
                    if longer not in ends.setdefault(klass, {}):
                        if room <= 0:
                            return grown
                        room -= 1
                        ends[klass][longer] = key
                        grown.setdefault(klass, {})[longer] = key
                        class_module[klass] = module
    return grown


def _may_declare(facts: ProjectFacts, module: str, names_under: Mapping[str, Set[str]]) -> bool:
    """Whether a module may declare an attribute of one of the classes: it defines one or
    imports one (or its module), and its text names it where a declaration would
    (``Name(``, an annotation). Only then is it worth parsing."""
    imports = facts.imports_of(module)
    reached = [
        prefix for prefix in (module, *imports.prefixes, *imports.modules) if prefix in names_under
    ]
    if not reached:
        return False
    names = set().union(*(names_under[prefix] for prefix in reached))
    names.update(
        alias
        for alias, name in facts.bindings_of(module).items()
        if name in names_under or name.rpartition(".")[2] in names
    )
    return facts.declares(module, names)


def declared_in(text: str, name: str) -> bool:
    """Whether ``name`` is somewhere in ``text`` where an attribute's class is declared:
    ``Name(`` (not its own ``class Name(``), or after a ``:`` or ``->`` on its line (an
    annotation) with no ``=`` between."""
    at = text.find(name)
    while at != -1:
        end = at + len(name)
        if _whole_word(text, at, end):
            if text.startswith("(", end) and not text.endswith("class ", 0, at):
                return True
            before = text[text.rfind("\n", 0, at) + 1 : at]
            colon = max(before.rfind(":"), before.rfind("->"))
            if colon != -1 and "=" not in before[colon:]:
                return True
        at = text.find(name, end)
    return False


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not _is_word_character(text[start - 1])) and (
        end == len(text) or not _is_word_character(text[end])
    )


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _dotted_prefixes(name: str) -> Iterator[str]:
    """``pkg``, ``pkg.api``, ``pkg.api.Client`` of ``pkg.api.Client``."""
    parts = name.split(".")
    for end in range(1, len(parts) + 1):
        yield ".".join(parts[:end])
