"""A project's loop starters across modules, for following calls into other files (LOOP201).

Building it takes two steps:

1. ``add`` each module's own starters, from ``analyze_module`` (this can run in parallel);
2. ``settle``: a module that calls a starter defined elsewhere may itself contain starters
   nobody saw yet, so such modules are analyzed again, with the index, until nothing changes.

The index then answers, for any module, which functions of *other* modules start a loop —
including through re-exports (``from .helpers import load_config`` in ``pkg/__init__.py``) and
through the attributes of other modules' classes (``self.service.fetcher.fetch()``, a route:
``attribute_routes``).

A language server analyzes several documents at once against one index: every public method
holds the index's lock, so no analysis sees it half-changed, and the lazily filled caches
stay whole.
"""

from __future__ import annotations

import math
import re
import sys
import threading
import time
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import partial, wraps
from typing import Concatenate, ParamSpec, TypeVar

from looplint.engine.analysis import analyze_module, module_exports
from looplint.engine.attribute_classes import module_attribute_classes
from looplint.engine.attribute_routes import ProjectFacts, Route, attribute_routes, declared_in
from looplint.engine.callgraph import (
    CALLBACK_REGISTRATIONS,
    LoopStart,
    function_name,
)
from looplint.engine.conversion import call_site_edits, definition_edits
from looplint.engine.findings import Edit, Fix, FixKind, Position
from looplint.engine.fixes.titles import counted
from looplint.engine.imported_names import Imports, imported_bindings, read_imports
from looplint.engine.prefilter import lines_mentioning
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings

_MAX_REEXPORT_HOPS = 8
_MAX_REEXPORTS_FOLLOWED = 64  # per module: re-exports of re-exports, bounded
_MAX_SETTLE_ROUNDS = 32  # chains of calls across modules are rarely more than a few deep
_WORD = re.compile(r"\w+")
_ASYNC = re.compile(r"\basync\b")

# Given a module, its text and the position of a called name: the key of the function called.
Inference = Callable[["ProjectModule", str, Position], "str | None"]

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
        self._inference_left = inference_budget
        self._starters: dict[str, LoopStart] = {}
        self._owner: dict[str, str] = {}  # starter key → module name
        self._modules: dict[str, ProjectModule] = {}
        self._exports: dict[str, dict[str, str]] = {}
        self._conversions: dict[str, Fix | None] = {}
        self._facts: dict[str, TextFacts] = {}
        self._imports: dict[str, Imports] = {}  # module → what its imports reach, re-exports too
        self._bindings: dict[str, dict[str, str]] = {}  # module → what its imports bind
        self._lookup: _StarterLookup | None = None  # the starters by what imports them
        self._words: dict[str, frozenset[str]] = {}  # module → the words of its text
        self._unsettled: set[str] = set()  # starters changed since the last ``settle``
        self._attribute_classes: dict[str, dict[str, dict[str, str]]] = {}  # module → its own
        self._declared: dict[str, dict[str, bool]] = {}  # module → class names it may declare
        self._routes: dict[str, Route] | None = None  # starters through attributes, by path
        self._routes_seen: dict[str, Route] | None = None  # the last ones computed
        self._routes_before: dict[str, Route] | None = None  # seen before the latest change
        self._route_owners: dict[str, str] = {}  # every route's class's module, gone ones too
        self._lock = threading.RLock()

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
    ) -> frozenset[str]:
        """Record a module and the starters ``analyze_module`` found in it (and the ``facts``
        of its text, where the caller has read them already); returns the keys whose start
        changed, of functions other modules can call (empty when the index learned nothing
        they could see)."""
        if facts is not None or self._modules.get(module.name) != module:
            self._forget_routes()  # its text was forgotten already, when it changed
        self._modules[module.name] = module
        if facts is not None:
            self._facts[module.name] = facts
        return self._replace_starters(module, starters) | self._changed_routes()

    def _replace_starters(
        self, module: ProjectModule, starters: Mapping[str, LoopStart]
    ) -> frozenset[str]:
        old = {k: v for k, v in self._starters.items() if self._owner.get(k) == module.name}
        new = {key: start.with_path(module.path) for key, start in starters.items()}
        if old == new:
            return frozenset()
        self._conversions.clear()  # a starter more or less: callers to convert change too
        self._lookup = None
        self._routes = None
        for key in old:
            del self._starters[key]
            del self._owner[key]
        self._starters.update(new)
        self._owner.update(dict.fromkeys(new, module.name))
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
        module = self._modules.pop(name, None)
        changed = self._replace_starters(module, {}) if module is not None else frozenset()
        return changed | self._changed_routes()

    @_serialized
    def forget_text(self, name: str) -> None:
        """A module's text changed: drop what was derived from it (its re-exports, the
        "make it async" fixes that looked at its call sites)."""
        self._forget_routes()
        self._attribute_classes.pop(name, None)
        self._declared.pop(name, None)
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
            key = self._infer(module, text, position)
        finally:
            self._inference_left -= time.monotonic() - started
        return key if key is not None and self._resolve(key, 0) is not None else None

    @_serialized
    def share_inference_budget(self, shares: int) -> None:
        """Keep one of ``shares`` equal parts of what inference has left: each worker of a
        pool holds a copy of the index, and together they must stay within the budget."""
        self._inference_left /= max(1, shares)

    @_serialized
    def conversion_fix(self, key: str) -> Fix | None:
        """ "Make ``helper`` async", with its call sites in every module, or ``None``."""
        if key not in self._conversions:
            self._conversions[key] = self._conversion(key)
        return self._conversions[key]

    def _conversion(self, key: str) -> Fix | None:
        owner = self._owner.get(key)
        if owner is None or key.endswith(".__init__") or ".<locals>." in key:
            return None
        module = self._modules[owner]
        source = self._load(module)
        if source is None:
            return None
        own = definition_edits(source, key, module_name=module.name, is_package=module.is_package)
        if own is None:
            return None
        edits = [_at(module, e) for e in own]
        names = {key.rsplit(".", 1)[-1]}
        callers = 0
        for other in self._modules.values():
            text = source if other is module else self._load(other)
            if text is None or not lines_mentioning(text, names):
                continue
            found = call_site_edits(
                text,
                lambda k: (s := self._resolve(k, 0)) is not None and s.function == key,
                names,
                module_name=other.name,
                is_package=other.is_package,
            )
            if found is None:
                return None
            callers += len(found)
            edits.extend(_at(other, e) for e in found)
        if callers == 0:
            return None
        name = function_name(key)
        title = f"Make `{name}` async and await it ({counted(callers, 'call site')})"
        return Fix(title, False, FixKind.MAKE_ASYNC, tuple(edits), unsafe=True)

    @_serialized
    def known_for(
        self, module_name: str, text: str, *, is_package: bool = False
    ) -> Mapping[str, LoopStart]:
        """Starters of every module but this one (its own are recomputed from its text), as
        far as its text can reach them; lookups by key (re-exports included) work for all."""
        return _OtherModules(self, module_name, self._reached_by(module_name, text, is_package))

    def _reached_by(self, module_name: str, text: str, is_package: bool) -> frozenset[str]:
        """Other modules' starters a module's text (not the stored one) can call."""
        imports = self._following_reexports(read_imports(text, module_name, is_package=is_package))
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
        """Imports, and what packages re-export through them: ``from pkg import load_config``
        also reaches ``pkg.helpers.load_config`` when ``pkg/__init__.py`` imports it from
        there (through other modules' re-exports too), and ``import pkg`` reaches everything
        ``pkg/__init__.py`` imports (through other packages' re-exports only)."""
        pending = [(prefix, False) for prefix in imports.prefixes]
        for name in imports.modules:
            module = self._modules.get(name)
            if module is not None and module.is_package:
                pending.extend((target, False) for target in self._bindings_of(name).values())
        seen: set[tuple[str, bool]] = set()
        while pending and len(seen) < len(imports.prefixes) + _MAX_REEXPORTS_FOLLOWED:
            prefix, in_chain = step = pending.pop()
            if step in seen:
                continue
            seen.add(step)
            source, _, name = prefix.rpartition(".")
            module = self._modules.get(source)
            if module is None or not (module.is_package or in_chain):
                continue  # a plain module's own imports are read only along a chain
            target = self._bindings_of(source).get(name)
            if target is not None:
                pending.append((target, True))
        return Imports(frozenset(prefix for prefix, _ in seen), imports.modules)

    def _bindings_of(self, name: str) -> dict[str, str]:
        """What a module's imports bind (read without parsing: a superset of its exports)."""
        if name not in self._bindings:
            module = self._modules[name]
            text = self._load(module) or ""
            self._bindings[name] = imported_bindings(text, name, is_package=module.is_package)
        return self._bindings[name]

    def _call_parts(self, key: str) -> list[str]:
        below_module = key[len(self._owners()[key]) + 1 :].split(".")
        return [part for part in below_module if part != "__init__"]

    @_serialized
    def settle(
        self,
        settings_for: SettingsFor = lambda module: DEFAULT_SETTINGS,
        summarize_all: SummarizeAll | None = None,
    ) -> set[str]:
        """Re-analyze the modules that may call a starter that changed since the last settle
        (appeared, went away, or reaches a loop differently), then those that may call what
        that changed, until nothing does. Returns the names of the modules whose starters
        changed.

        Each round's modules are analyzed against the index as it was when the round began,
        by ``summarize_all`` (a front end may run ``summarize`` in parallel; by default they
        run here, one by one).
        """
        summarize_all = summarize_all or _summarize_here
        changed_modules: set[str] = set()
        for _ in range(_MAX_SETTLE_ROUNDS):
            pending, self._unsettled = self._unsettled, set()
            if not pending:
                break
            modules = self._possible_callers(pending)
            summaries = summarize_all(self, modules, settings_for)
            for module, starters in zip(modules, summaries, strict=True):
                if starters is not None and self._replace_starters(module, starters):
                    changed_modules.add(module.name)
        return changed_modules

    @_serialized
    def summarize(
        self, module: ProjectModule, settings: RuleSettings
    ) -> Mapping[str, LoopStart] | None:
        """A module's starters, found with the index's knowledge of the others."""
        text = self._load(module)
        if text is None:
            return None
        return analyze_module(
            text,
            settings,
            module_name=module.name,
            is_package=module.is_package,
            project=self,
            summary_only=True,
        ).starters

    def _possible_callers(self, keys: set[str]) -> list[ProjectModule]:
        """Modules whose text can reach one of these starters, and those whose starters went
        through one that went away (they must forget it)."""
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
            self._imports[name] = self._following_reexports(self._facts_of(name).imports)
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

    def _located(self, name: str) -> str:
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
            exports = module_exports(text, name, is_package=module.is_package) if text else {}
            self._exports[name] = exports
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
                self._located,
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
    return any(registration in text for registration in CALLBACK_REGISTRATIONS)


def _words(text: str) -> frozenset[str]:
    """The identifiers and keywords of a text (interned: modules share most of them)."""
    return frozenset(map(sys.intern, _WORD.findall(text)))


SettingsFor = Callable[[ProjectModule], RuleSettings]
# Runs ``ProjectIndex.summarize`` for each module (in order), with each module's settings.
SummarizeAll = Callable[
    [ProjectIndex, Sequence[ProjectModule], SettingsFor], list[Mapping[str, LoopStart] | None]
]


def _summarize_here(
    index: ProjectIndex, modules: Sequence[ProjectModule], settings_for: SettingsFor
) -> list[Mapping[str, LoopStart] | None]:
    return [index.summarize(module, settings_for(module)) for module in modules]


def _at(module: ProjectModule, edit: Edit) -> Edit:
    return Edit(edit.span, edit.new_text, edit.cell, module.path)


class _OtherModules(Mapping[str, LoopStart]):
    """An index's starters, minus those of one module; iteration lists the reachable ones."""

    def __init__(self, index: ProjectIndex, excluded: str, reachable: frozenset[str]) -> None:
        self._index = index
        self._excluded = excluded
        self._reachable = reachable

    def _mine(self, key: str) -> bool:
        return self._index._owner.get(key) == self._excluded

    def __getitem__(self, key: str) -> LoopStart:
        if self._mine(key):
            raise KeyError(key)
        return self._index[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and not self._mine(key) and key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._reachable)

    def __len__(self) -> int:
        return len(self._reachable)
