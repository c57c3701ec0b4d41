"""A project's loop starters across modules, for following calls into other files (LOOP201).

The index is storage plus lookups. A front end (through ``looplint.project``) fills it:

1. ``add_module`` with each module's own starters, from ``analyze_module`` (this can run in
   parallel);
2. ``settle`` (``looplint.project.settle``): a module that calls a starter defined elsewhere may
   itself contain starters nobody saw yet, so the ``possible_callers`` of what changed
   (``take_unsettled``) are analyzed again, with the index, until nothing changes.

The index then answers, for any module, which functions of *other* modules start a loop —
including through re-exports (``from .helpers import load_config`` in ``pkg/__init__.py``) and
through the attributes of other modules' classes (``self.service.fetcher.fetch()``, a route:
``attribute_routes``) — and keeps the "make it async" fixes computed for them
(``fixes/make_async.py``).

A language server analyzes several documents at once against one index: every public method
holds the index's lock, so no analysis sees it half-changed, and the lazily filled caches
stay whole.
"""

from __future__ import annotations

import math
import os
import re
import sys
import threading
import time
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial, wraps
from typing import Concatenate, ParamSpec, TypeVar

from looplint.engine.attribute_classes import module_attribute_classes
from looplint.engine.attribute_routes import ProjectFacts, Route, attribute_routes, declared_in
from looplint.engine.callgraph import CALLBACK_REGISTRATIONS, LoopStart, called_names
from looplint.engine.exports import module_exports
from looplint.engine.findings import Fix, Position
from looplint.engine.imported_names import Imports, imported_bindings, read_imports
from looplint.engine.prefilter import names_mentioned

_MAX_REEXPORT_HOPS = 8
# Candidate starters of a text past which its words are read at once, rather than the text
# scanned once for each candidate's names.
_SCANS_BEFORE_WORDS = 16
_MAX_REEXPORTS_FOLLOWED = 64  # per module: re-exports of re-exports, bounded
_WORD = re.compile(r"\w+")
_ASYNC = re.compile(r"\basync\b")

# Given a module, its text and the position of a called name: the function called, as the path
# of the file defining it and its dotted name there (``Client.load``).
Inference = Callable[["ProjectModule", str, Position], "tuple[str, str] | None"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _serialized(
    method: Callable[Concatenate[ProjectIndex, _P], _R],
) -> Callable[Concatenate[ProjectIndex, _P], _R]:
    """Run ``method`` holding the index's lock (re-entrant: settling analyzes with the index)."""

    @wraps(method)
    def holding_the_lock(index: ProjectIndex, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with index._lock:
            return method(index, *args, **kwargs)

    return holding_the_lock


@dataclass(frozen=True, slots=True)
class ProjectModule:
    name: str  # dotted module name, ``pkg.sub.mod`` (``pkg`` for ``pkg/__init__.py``)
    path: str
    is_package: bool = False  # an ``__init__.py``
    search: tuple[str, ...] = ("",)
    """The dotted prefixes its absolute imports are looked up under, nearest first (``""``:
    the project's root): ``import helpers`` in ``a/jobs.py`` means ``a.helpers`` when there is
    one (``looplint.project.modules`` says why)."""


class ProjectIndex(Mapping[str, LoopStart]):
    """Loop starters by function key, resolving re-exports on lookup."""

    def __init__(
        self,
        load: Callable[[ProjectModule], str | None],
        infer: Inference | None = None,
        inference_budget: float = math.inf,
    ) -> None:
        """``inference_budget``: what ``infer`` may spend in all, in seconds (a bound for a
        batch run; each module's analysis also bounds what it asks for)."""
        self._load = load
        self._infer = infer
        self._inference_budget = inference_budget
        self._inference_left = inference_budget
        self._starters: dict[str, LoopStart] = {}
        self._owner: dict[str, str] = {}  # starter key → module name
        self._owned: dict[str, set[str]] = {}  # module name → its starters' keys
        self._modules: dict[str, ProjectModule] = {}
        self._by_path: dict[str, ProjectModule] = {}
        self._packages: frozenset[str] | None = None  # every dotted prefix of a module name
        self._exports: dict[str, dict[str, str]] = {}
        self._conversions: dict[str, Fix | None] = {}
        self._facts: dict[str, TextFacts] = {}
        self._imports: dict[str, Imports] = {}  # module → what its imports reach, re-exports too
        self._bindings: dict[str, dict[str, str]] = {}  # module → what its imports bind
        self._lookup: _StarterLookup | None = None  # the starters by what imports them
        self._by_call_name: dict[str, list[str]] | None = None  # the starters by called name
        self._parts: dict[str, list[str]] = {}  # key → the names a call of it is spelled with
        self._words: dict[str, frozenset[str]] = {}  # module → the words of its text
        self._unsettled: set[str] = set()  # starters changed since the last ``settle``
        self._attribute_classes: dict[str, dict[str, dict[str, str]]] = {}  # module → its own
        self._declared: dict[str, dict[str, bool]] = {}  # module → class names it may declare
        self._routes: dict[str, Route] | None = None  # starters through attributes, by path
        self._routes_seen: dict[str, Route] | None = None  # the last ones computed
        self._routes_before: dict[str, Route] | None = None  # seen before the latest change
        self._route_owners: dict[str, str] = {}  # every route's class's module, gone ones too
        # Modules whose text changed since they were added: their attribute classes are
        # compared when they are added again (routes stand meanwhile, from the old text).
        self._text_changed: set[str] = set()
        self._lock = threading.RLock()

    @_serialized
    def tables(self) -> IndexTables:
        """What the index holds and has read from the modules' texts, to resume from in a
        later run over the same modules (``restore``); taken once it is settled."""
        return IndexTables(
            dict(self._starters),
            dict(self._owner),
            dict(self._modules),
            dict(self._exports),
            dict(self._facts),
            dict(self._imports),
            dict(self._bindings),
            dict(self._attribute_classes),
            dict(self._declared),
            dict(self._route_table()),
            dict(self._route_owners),
        )

    @_serialized
    def restore(self, tables: IndexTables) -> None:
        """Fill an empty index with the ``tables`` of a settled one over exactly the same
        modules (names, paths, search prefixes): a module whose text changed since is then
        given as a language server gives an edit, ``forget_text`` then ``add_module``, and
        what a settle from scratch would reach is reached by settling what that changed."""
        self._starters = dict(tables.starters)
        self._owner = dict(tables.owner)
        self._owned = {}
        for key, owner in self._owner.items():
            self._owned.setdefault(owner, set()).add(key)
        self._modules = dict(tables.modules)
        self._by_path = {os.path.abspath(m.path): m for m in self._modules.values()}
        self._exports = dict(tables.exports)
        self._facts = dict(tables.facts)
        self._imports = dict(tables.imports)
        self._bindings = dict(tables.bindings)
        self._attribute_classes = dict(tables.attribute_classes)
        self._declared = {name: dict(found) for name, found in tables.declared.items()}
        self._routes = self._routes_seen = dict(tables.routes)
        self._route_owners = dict(tables.route_owners)

    @_serialized
    def same_for_others(self, before: IndexTables, edited: Iterable[str]) -> bool:
        """Whether every module but the ``edited`` ones (restored from ``before``, then given
        their new texts, and settled) sees the index as it was: the same starters, reached
        the same way, the same routes, and the same imports and re-exports read from the
        edited modules' texts wherever they were read before. Then their findings are what
        they were (``dependencies`` would give them the same lines)."""
        if self._starters != before.starters or self._owner != before.owner:
            return False
        if self._route_table() != before.routes:
            return False
        for name in edited:
            if name not in self._modules:
                return False
            if name in before.bindings and self._bindings_of(name) != before.bindings[name]:
                return False
            if name in before.exports and self._exports_of(name) != before.exports[name]:
                return False
        return True

    def __getstate__(self) -> dict[str, object]:
        """Pickled for the CLI's worker processes where they cannot fork: the lock stays."""
        return {name: value for name, value in vars(self).items() if name != "_lock"}

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        self._lock = threading.RLock()

    @_serialized
    def add_module(
        self,
        module: ProjectModule,
        starters: Mapping[str, LoopStart],
        facts: TextFacts | None = None,
        attribute_classes: Mapping[str, Mapping[str, str]] | None = None,
    ) -> frozenset[str]:
        """Record a module and the starters ``analyze_module`` found in it (and the ``facts``
        of its text, and its classes' ``attribute_classes``, where the caller has them at
        hand); returns the keys whose start changed, of functions other modules can call
        (empty when the index learned nothing they could see)."""
        if facts is not None or self._modules.get(module.name) != module:
            self._forget_routes()  # its text was forgotten already, when it changed
        if module.name in self._text_changed:
            self._text_changed.discard(module.name)
            if not self._declares_as_before(module, attribute_classes):
                self._forget_attribute_classes(module.name)
        if attribute_classes is not None and module.name not in self._attribute_classes:
            self._forget_routes()
            self._attribute_classes[module.name] = {
                klass: dict(attributes) for klass, attributes in attribute_classes.items()
            }
        if self._modules.get(module.name) != module:
            self._modules[module.name] = module
            self._by_path[os.path.abspath(module.path)] = module
            self._packages = None
        if facts is not None:
            self._facts[module.name] = facts
        return self._replace_starters(module, starters) | self._changed_routes()

    def _replace_starters(
        self, module: ProjectModule, starters: Mapping[str, LoopStart]
    ) -> frozenset[str]:
        old = {key: self._starters[key] for key in self._owned.get(module.name, ())}
        new = {key: start.with_path(module.path) for key, start in starters.items()}
        if old == new:
            return frozenset()
        self._conversions.clear()  # a starter more or less: callers to convert change too
        self._lookup = None
        self._routes = None
        self._by_call_name = None
        for key in old:
            del self._starters[key]
            del self._owner[key]
        self._starters.update(new)
        self._owner.update(dict.fromkeys(new, module.name))
        self._owned[module.name] = set(new)
        changed = frozenset(
            key
            for key in old.keys() | new.keys()
            if old.get(key) != new.get(key) and ".<locals>." not in key  # others cannot call it
        )
        self._unsettled |= changed
        return changed

    @_serialized
    def remove_module(self, name: str) -> frozenset[str]:
        """Forget a module; returns the keys whose start changed, as ``add_module``."""
        self.forget_text(name)
        self._text_changed.discard(name)
        self._forget_attribute_classes(name)
        module = self._modules.pop(name, None)
        changed: frozenset[str] = frozenset()
        if module is not None:
            self._by_path.pop(os.path.abspath(module.path), None)
            self._packages = None
            changed = self._replace_starters(module, {})
        return changed | self._changed_routes()

    @_serialized
    def forget_text(self, name: str) -> None:
        """A module's text changed: drop what was derived from it (its re-exports, the
        "make it async" fixes that looked at its call sites). Its attribute classes are kept
        until it is added again: analyses meanwhile, its own included, see the routes of its
        old text (an editor analyzes it right away; reading them again would parse it)."""
        self._text_changed.add(name)
        self._exports.pop(name, None)
        self._facts.pop(name, None)
        self._imports.pop(name, None)
        self._bindings.pop(name, None)
        self._words.pop(name, None)
        self._conversions.clear()
        module = self._modules.get(name)
        if module is not None and module.is_package:
            self._imports.clear()  # others' imports may have followed its re-exports

    @_serialized
    def infer_callee(self, module_name: str | None, position: Position) -> str | None:
        """The starter a call at ``position`` reaches, by inference, where the engine's own
        resolution could not tell (``self.client.load()``, ``get_client().load()``). Once the
        index's inference budget is spent, it answers ``None``."""
        module = self._modules.get(module_name or "")
        if self._infer is None or module is None or self._inference_left <= 0:
            return None
        text = self._load(module)
        if text is None:
            return None
        started = time.monotonic()
        try:
            found = self._infer(module, text, position)
        finally:
            self._inference_left -= time.monotonic() - started
        defining = self._by_path.get(os.path.abspath(found[0])) if found is not None else None
        if found is None or defining is None:
            return None
        key = f"{defining.name}.{found[1]}"
        return key if self._resolve(key, 0) is not None else None

    @_serialized
    def renew_inference_budget(self) -> None:
        """The index changed: inference may spend its whole budget again (a language server's
        index lives on; each state of it gets what one run of ``looplint check`` gets)."""
        self._inference_left = self._inference_budget

    @_serialized
    def share_inference_budget(self, shares: int) -> None:
        """Keep one of ``shares`` equal parts of what inference has left: each worker of a
        pool holds a copy of the index, and together they must stay within the budget."""
        self._inference_left /= max(1, shares)

    @_serialized
    def cached_conversion(self, key: str, compute: Callable[[str], Fix | None]) -> Fix | None:
        """The "make it async" fix of a starter, from ``compute`` the first time it is asked
        for; kept until a starter or a module's text changes (``fixes/make_async.py``)."""
        if key not in self._conversions:
            self._conversions[key] = compute(key)
        return self._conversions[key]

    @_serialized
    def owner_of(self, key: str) -> ProjectModule | None:
        """The module that defines a starter (by its key, re-exports not followed)."""
        owner = self._owner.get(key)
        return None if owner is None else self._modules[owner]

    @_serialized
    def modules(self) -> list[ProjectModule]:
        """Every module recorded, in the order they were first added."""
        return list(self._modules.values())

    def text_of(self, module: ProjectModule) -> str | None:
        """A module's text, as the index reads it (``None``: it cannot be read)."""
        return self._load(module)

    @_serialized
    def dependencies(self, module: ProjectModule, text: str) -> list[str]:
        """What a module's findings can take from other modules, as sorted lines of text: the
        starters whose names its words hold (what inference can reach too), and what each of
        its imports resolves to (re-exports followed). Equal lines, equal findings: the
        persistent cache keys a module's cross-module results by them."""
        words = _words(text)
        by_name = self._starters_by_call_name()
        lines = [
            f"{key}={self._starters[key]!r}"
            for word in words & by_name.keys()
            for key in by_name[word]
            if self._owner[key] != module.name
        ]
        lines += [
            f"{key}~{route.target}"
            for key, route in self._route_table().items()
            if key.rsplit(".", 1)[-1] in words
        ]
        written = read_imports(text, module.name, is_package=module.is_package)
        imports = self._following_reexports(self._located_imports(written, module.name))
        lines += [f"{prefix}->{self._resolve(prefix, 0)!r}" for prefix in imports.prefixes]
        lines += [
            f"{name}:{sorted(self._bindings_of(name).items())}"
            for name in imports.modules
            if name in self._modules
        ]
        return sorted(lines)

    def _starters_by_call_name(self) -> dict[str, list[str]]:
        if self._by_call_name is None:
            self._by_call_name = {}
            for key in self._starters:
                for name in called_names([key]):
                    self._by_call_name.setdefault(name, []).append(key)
        return self._by_call_name

    @_serialized
    def seen_from(self, module: ProjectModule, key: str) -> LoopStart | None:
        """The starter a function key means as written in ``module`` (its imports'
        spelling: ``helpers.load`` in ``a/jobs.py`` is ``a.helpers.load``)."""
        return self._resolve(self._located(key, module.search), 0)

    @_serialized
    def known_for(
        self, module_name: str, text: str, *, is_package: bool = False
    ) -> Mapping[str, LoopStart]:
        """Starters of every module but this one (its own are recomputed from its text), as
        far as its text can reach them; lookups by key (re-exports included) work for all."""
        search = self._search_of(module_name)
        reachable = self._reached_by(module_name, text, is_package)
        return _OtherModules(self, module_name, search, reachable)

    def _reached_by(self, module_name: str, text: str, is_package: bool) -> frozenset[str]:
        """Other modules' starters a module's text (not the stored one) can call."""
        written = read_imports(text, module_name, is_package=is_package)
        imports = self._following_reexports(self._located_imports(written, module_name))
        candidates = self._imported(module_name, imports, self._starter_lookup())
        return self._named(candidates, text, partial(_words, text))

    def _imported(self, module_name: str, imports: Imports, lookup: _StarterLookup) -> set[str]:
        """The starters (among ``lookup``'s) of other modules that a module's imports reach."""
        owners = self._owners()
        return {key for key in lookup.reached_by(imports) if owners[key] != module_name}

    def _named(
        self, candidates: Iterable[str], text: str, words: Callable[[], Set[str]]
    ) -> frozenset[str]:
        """The starters a text can call: it names every part of them below their module
        (``Client`` and ``load`` of ``pkg.api.Client.load``). Its ``words`` are looked at
        only when the parts are in the text at all (most texts are ruled out by that)."""
        candidates = list(candidates)
        if len(candidates) > _SCANS_BEFORE_WORDS:  # one pass over the text beats many
            found = words()
            return frozenset(
                key for key in candidates if all(part in found for part in self._call_parts(key))
            )
        plausible = [
            key for key in candidates if all(part in text for part in self._call_parts(key))
        ]
        if not plausible:
            return frozenset()
        found = words()
        return frozenset(
            key for key in plausible if all(part in found for part in self._call_parts(key))
        )

    def _starter_lookup(self) -> _StarterLookup:
        if self._lookup is None:
            keys = [*self._starters, *self._route_table()]
            self._lookup = _StarterLookup(keys, self._owners())
        return self._lookup

    def _following_reexports(self, imports: Imports) -> Imports:
        """Imports, and what modules re-export through them: ``from pkg import load_config``
        also reaches ``pkg.helpers.load_config`` when ``pkg/__init__.py`` imports it from
        there (and ``from middle import prepare`` reaches ``extra.prepare`` when ``middle.py``
        imports it from ``extra``; through other modules' re-exports too), and ``import pkg``
        reaches everything ``pkg/__init__.py`` imports (through other packages' re-exports
        only)."""
        pending = list(imports.prefixes)
        for name in imports.modules:
            module = self._modules.get(name)
            if module is not None and module.is_package:
                pending.extend(self._bindings_of(name).values())
        seen: set[str] = set()
        while pending and len(seen) < len(imports.prefixes) + _MAX_REEXPORTS_FOLLOWED:
            prefix = pending.pop()
            if prefix in seen:
                continue
            seen.add(prefix)
            source, _, name = prefix.rpartition(".")
            if source in self._modules:
                target = self._bindings_of(source).get(name)
                if target is not None:
                    pending.append(target)
        return Imports(frozenset(seen), imports.modules)

    def _bindings_of(self, name: str) -> dict[str, str]:
        """What a module's imports bind (read without parsing: a superset of its exports)."""
        if name not in self._bindings:
            module = self._modules[name]
            text = self._load(module) or ""
            written = imported_bindings(text, name, is_package=module.is_package)
            self._bindings[name] = {
                bound: self._located(target, module.search) for bound, target in written.items()
            }
        return self._bindings[name]

    def _located(self, name: str, search: tuple[str, ...]) -> str:
        """A dotted name as an import in a module spells it, as the project names it: looked
        up under the module's search prefixes, nearest first (unchanged when no module of the
        project has it, as ``asyncio.run``)."""
        first = name.split(".", 1)[0]
        packages = self._package_names()
        for prefix in search:
            if prefix and f"{prefix}.{first}" in packages:
                return f"{prefix}.{name}"
            if not prefix and first in packages:
                return name
        return name

    def _located_imports(self, imports: Imports, module_name: str) -> Imports:
        search = self._search_of(module_name)
        if search == ("",):
            return imports
        return Imports(
            frozenset(self._located(prefix, search) for prefix in imports.prefixes),
            frozenset(self._located(module, search) for module in imports.modules),
        )

    @_serialized
    def holds(self, name: str) -> bool:
        """Whether the index has a module of this name."""
        return name in self._modules

    @_serialized
    def written_imports(self, name: str) -> frozenset[str]:
        """What a module's imports name, as written (relative ones resolved), modules and
        names in them alike: the project layer follows those that lead to files it was not
        given."""
        if name not in self._modules:
            return frozenset()
        imports = self._facts_of(name).imports
        return imports.prefixes | imports.modules

    def _search_of(self, module_name: str) -> tuple[str, ...]:
        """Where a module's imports are looked up; for a module the index does not hold, as
        if each folder above it were on ``sys.path`` (nearest first)."""
        module = self._modules.get(module_name)
        if module is not None:
            return module.search
        parts = module_name.split(".")[:-1]
        return (*(".".join(parts[:end]) for end in range(len(parts), 0, -1)), "")

    def _package_names(self) -> frozenset[str]:
        if self._packages is None:
            self._packages = frozenset(
                ".".join(parts[:end])
                for parts in (name.split(".") for name in self._modules)
                for end in range(1, len(parts) + 1)
            )
        return self._packages

    def _call_parts(self, key: str) -> list[str]:
        parts = self._parts.get(key)
        if parts is None:
            below_module = key[len(self._owners()[key]) + 1 :].split(".")
            parts = self._parts[key] = [part for part in below_module if part != "__init__"]
        return parts

    @property
    def lock(self) -> AbstractContextManager[bool]:
        """Held by every method: a caller whose several calls must see the index in one state
        (``looplint.project.settle``) holds it across them (it is re-entrant)."""
        return self._lock

    @_serialized
    def calls_other_starters(self, module: ProjectModule) -> bool:
        """Whether a module's stored text can call another module's starter (then some of
        its own functions may start a loop through it)."""
        return module.name in self._modules and self._calls(module.name, self._starter_lookup())

    @_serialized
    def module_at(self, path: str) -> str | None:
        """The name of the module whose file is ``path``."""
        module = self._by_path.get(os.path.abspath(path))
        return None if module is None else module.name

    @_serialized
    def resume(self, changed: set[str]) -> None:
        """The index was filled from a settled state: only the starters ``changed`` since it
        (a module's own, gone or new) are still to settle."""
        self._unsettled = set(changed)

    @_serialized
    def take_unsettled(self) -> set[str]:
        """The keys of the starters that changed (appeared, went away, or reach a loop
        differently) since the last call: the callers of these must be analyzed again."""
        unsettled, self._unsettled = self._unsettled, set()
        return unsettled

    @_serialized
    def possible_callers(self, keys: set[str]) -> list[ProjectModule]:
        """Modules whose text can reach one of these starters, and those whose starters went
        through one that went away (they must forget it)."""
        if not keys:
            return []
        owners = self._owners()
        gone = {key for key in keys if key not in owners}
        found = {
            self._owner[key]
            for key, start in self._starters.items()
            if any(step.function in gone for step in start.chain()[1:])
        }
        routes = {key for key, route in self._route_table().items() if route.target in keys}
        lookup = _StarterLookup((keys - gone) | routes, owners)
        found.update(
            name for name in self._modules if name not in found and self._calls(name, lookup)
        )
        return [self._modules[name] for name in sorted(found)]

    def _calls(self, name: str, lookup: _StarterLookup) -> bool:
        """Whether a module's stored text can call one of ``lookup``'s starters (of others)."""
        candidates = self._imported(name, self._imports_of(name), lookup)
        text = self._load(self._modules[name]) if candidates else None
        return bool(text and self._named(candidates, text, partial(self._words_of, name)))

    @_serialized
    def mentions_other_starters(self, module: ProjectModule, text: str | None = None) -> bool:
        """Whether a module's findings may depend on other modules' starters: it has loop
        context (``async``, or a loop callback) and can reach one of them. ``text``: the
        module's text where it is not the one ``load`` reads (an editor's unsaved buffer)."""
        if text is not None:
            return runs_on_a_loop(text) and bool(
                self._reached_by(module.name, text, module.is_package)
            )
        if module.name not in self._modules or not self._facts_of(module.name).runs_on_a_loop:
            return False
        return self._calls(module.name, self._starter_lookup())

    def _words_of(self, name: str) -> frozenset[str]:
        if name not in self._words:
            text = self._load(self._modules[name])
            self._words[name] = _words(text) if text else frozenset()
        return self._words[name]

    def _facts_of(self, name: str) -> TextFacts:
        if name not in self._facts:
            module = self._modules[name]
            self._facts[name] = text_facts(self._load(module) or "", module)
        return self._facts[name]

    def _imports_of(self, name: str) -> Imports:
        if name not in self._imports:
            imports = self._located_imports(self._facts_of(name).imports, name)
            self._imports[name] = self._following_reexports(imports)
        return self._imports[name]

    # Mapping interface: direct keys; lookups also follow re-exports.
    @_serialized
    def __getitem__(self, key: str) -> LoopStart:
        found = self._resolve(key, 0)
        if found is None:
            raise KeyError(key)
        return found

    @_serialized
    def __iter__(self) -> Iterator[str]:
        return iter(list(self._starters))

    @_serialized
    def __len__(self) -> int:
        return len(self._starters)

    @_serialized
    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._resolve(key, 0) is not None

    def _resolve(self, key: str, hops: int) -> LoopStart | None:
        if key in self._starters:
            return self._starters[key]
        route = self._route_table().get(key)
        if route is not None:
            return self._starters.get(route.target)
        origin = self._reexported(key) if hops < _MAX_REEXPORT_HOPS else None
        return self._resolve(origin, hops + 1) if origin is not None else None

    def _defined_at(self, name: str) -> str:
        """Where a dotted name is defined, through the re-exports on its way."""
        for _ in range(_MAX_REEXPORT_HOPS):
            origin = self._reexported(name)
            if origin is None:
                break
            name = origin
        return name

    def _reexported(self, name: str) -> str | None:
        """The name a module's re-export of ``name`` imports (one hop), or ``None``."""
        parts = name.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = ".".join(parts[:cut])
            if module in self._modules:
                if parts[cut] not in self._bindings_of(module):
                    return None  # not imported there at all: no need to parse it for exports
                target = self._exports_of(module).get(parts[cut])
                return None if target is None else ".".join([target, *parts[cut + 1 :]])
        return None

    def _exports_of(self, name: str) -> dict[str, str]:
        if name not in self._exports:
            module = self._modules[name]
            text = self._load(module)
            written = module_exports(text, name, is_package=module.is_package) if text else {}
            self._exports[name] = {
                bound: self._located(target, module.search) for bound, target in written.items()
            }
        return self._exports[name]

    def _attribute_classes_of(self, name: str) -> Mapping[str, Mapping[str, str]]:
        if name not in self._attribute_classes:
            module = self._modules[name]
            text = self._load(module)
            found = (
                module_attribute_classes(text, name, is_package=module.is_package) if text else {}
            )
            self._attribute_classes[name] = found
        return self._attribute_classes[name]

    def _route_table(self) -> dict[str, Route]:
        """The routes to starters through other modules' classes' attributes, by path."""
        if self._routes is None:
            facts = ProjectFacts(
                self._owner,
                list(self._modules),
                self._imports_of,
                self._bindings_of,
                self._declares,
                self._attribute_classes_of,
                self._defined_at,
            )
            self._routes = self._routes_seen = attribute_routes(facts)
            self._route_owners.update((key, route.owner) for key, route in self._routes.items())
        return self._routes

    def _declares(self, name: str, class_names: Set[str]) -> bool:
        """Whether a module's text names one of these classes where an attribute's class is
        declared (``declared_in``); what it found is kept until the text changes."""
        known = self._declared.setdefault(name, {})
        unknown = [class_name for class_name in class_names if class_name not in known]
        if unknown:
            text = self._load(self._modules[name]) or ""
            known.update((class_name, declared_in(text, class_name)) for class_name in unknown)
        return any(known[class_name] for class_name in class_names)

    def _owners(self) -> Mapping[str, str]:
        """The module of each starter, and of each route's class (gone routes' too)."""
        return ChainMap(self._owner, self._route_owners)

    def _forget_routes(self) -> None:
        """A module changes: keep the routes as they were, to tell later which changed."""
        if self._routes_before is None:
            self._routes_before = self._routes_seen  # what analyses so far could have used
        self._routes = None
        self._lookup = None

    def _declares_as_before(
        self, module: ProjectModule, attribute_classes: Mapping[str, Mapping[str, str]] | None
    ) -> bool:
        """Whether a module whose text changed still declares the attribute classes it did:
        as its analysis found them, or — when it has none to give, and none were read from the
        old text — because its text names no class of a starter or a route where an attribute
        is declared (it cannot declare one either)."""
        before = self._attribute_classes.get(module.name)
        if attribute_classes is not None:
            return attribute_classes == before
        if before is not None or self._routes_seen is None:
            return False
        text = self._load(module) or ""
        named = names_mentioned(text, self._class_names())
        return not any(declared_in(text, name) for name in named)

    def _class_names(self) -> set[str]:
        """The names of the classes whose methods start a loop, or lead to one (routes)."""
        owners = self._owners()
        names: set[str] = set()
        for key in [*self._starters, *(self._routes_seen or {})]:
            below = key[len(owners[key]) + 1 :].split(".")
            if len(below) >= 2 and ".<locals>." not in key:
                names.add(below[0])
        return names

    def _forget_attribute_classes(self, name: str) -> None:
        """A module's attribute classes may have changed: read them again, and the routes."""
        self._forget_routes()
        self._attribute_classes.pop(name, None)
        self._declared.pop(name, None)

    def _changed_routes(self) -> frozenset[str]:
        """The routes that appeared, went away or lead elsewhere since ``_forget_routes``:
        the modules that can take them must be settled again (their start may differ)."""
        before, self._routes_before = self._routes_before, None
        if before is None:
            return frozenset()
        after = self._route_table()
        changed = frozenset(
            k for k in before.keys() | after.keys() if before.get(k) != after.get(k)
        )
        self._unsettled |= changed
        return changed


@dataclass(frozen=True, slots=True)
class IndexTables:
    """A settled index's storage and what it read from the texts (by module name), without
    what it derives again quickly (lookups by name, word sets, fixes)."""

    starters: dict[str, LoopStart]
    owner: dict[str, str]  # starter key → module name
    modules: dict[str, ProjectModule]
    exports: dict[str, dict[str, str]]
    facts: dict[str, TextFacts]
    imports: dict[str, Imports]
    bindings: dict[str, dict[str, str]]
    attribute_classes: dict[str, dict[str, dict[str, str]]]
    declared: dict[str, dict[str, bool]]
    routes: dict[str, Route]
    route_owners: dict[str, str]


class _StarterLookup:
    """Starter keys by each of their dotted prefixes (``pkg``, ``pkg.api``, ...) and by the
    module that defines them, so that what an import reaches is a few dictionary lookups
    (local functions left out: nothing can import them)."""

    def __init__(self, keys: Iterable[str], owner: Mapping[str, str]) -> None:
        self._under: dict[str, set[str]] = {}
        self._defined_in: dict[str, set[str]] = {}
        for key in keys:
            if ".<locals>." in key:
                continue
            self._defined_in.setdefault(owner[key], set()).add(key)
            parts = key.split(".")
            for end in range(1, len(parts) + 1):
                self._under.setdefault(".".join(parts[:end]), set()).add(key)

    def reached_by(self, imports: Imports) -> set[str]:
        found: set[str] = set()
        for prefix in imports.prefixes:
            found.update(self._under.get(prefix, ()))
        for module in imports.modules:
            found.update(self._defined_in.get(module, ()))
        return found


@dataclass(frozen=True, slots=True)
class TextFacts:
    """What the index reads from a module's text: its imports, and whether it can hold loop
    context (an ``async`` keyword or a loop callback) — only then do other modules' starters
    matter to its findings."""

    imports: Imports
    runs_on_a_loop: bool


def text_facts(text: str, module: ProjectModule) -> TextFacts:
    """The facts of a module's text (a front end that has the text at hand reads them there)."""
    imports = read_imports(text, module.name, is_package=module.is_package)
    return TextFacts(imports, runs_on_a_loop(text))


def runs_on_a_loop(text: str) -> bool:
    """Whether a text can hold loop context: an ``async`` keyword or a loop callback."""
    if "async" in text and _ASYNC.search(text):
        return True
    if "call_" not in text and "add_" not in text:  # every registration's name starts so
        return False
    return any(registration in text for registration in CALLBACK_REGISTRATIONS)


def _words(text: str) -> frozenset[str]:
    """The identifiers and keywords of a text (interned: modules share most of them)."""
    return frozenset(map(sys.intern, _WORD.findall(text)))


class _OtherModules(Mapping[str, LoopStart]):
    """An index's starters, minus those of one module; iteration lists the reachable ones."""

    def __init__(
        self,
        index: ProjectIndex,
        excluded: str,
        search: tuple[str, ...],
        reachable: frozenset[str],
    ) -> None:
        self._index = index
        self._excluded = excluded
        self._search = search
        self._reachable = reachable

    def _located(self, key: str) -> str | None:
        """The key as the project names it, ``None`` when it is one of the module's own."""
        with self._index._lock:
            located = self._index._located(key, self._search)
        return None if self._index._owner.get(located) == self._excluded else located

    def __getitem__(self, key: str) -> LoopStart:
        located = self._located(key)
        if located is None:
            raise KeyError(key)
        return self._index[located]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        located = self._located(key)
        return located is not None and located in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._reachable)

    def __len__(self) -> int:
        return len(self._reachable)
