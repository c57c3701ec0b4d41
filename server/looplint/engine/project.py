"""A project's loop starters across modules, for following calls into other files (LOOP201).

Building it takes two steps:

1. ``add`` each module's own starters, from ``analyze_module`` (this can run in parallel);
2. ``settle``: a module that calls a starter defined elsewhere may itself contain starters
   nobody saw yet, so such modules are analyzed again, with the index, until nothing changes.

The index then answers, for any module, which functions of *other* modules start a loop —
including through re-exports (``from .helpers import load_config`` in ``pkg/__init__.py``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from looplint.engine.analysis import analyze_module, module_exports
from looplint.engine.callgraph import (
    CALLBACK_REGISTRATIONS,
    LoopStart,
    called_names,
    function_name,
)
from looplint.engine.conversion import call_site_edits, definition_edits
from looplint.engine.findings import Edit, Fix, FixKind, Position
from looplint.engine.prefilter import lines_mentioning
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings

_MAX_REEXPORT_HOPS = 8
_MAX_SETTLE_ROUNDS = 32
_WORD = re.compile(r"\w+")
_RUNS_ON_A_LOOP = re.compile(
    r"\basync\b|" + "|".join(CALLBACK_REGISTRATIONS)
)  # chains of calls across modules are rarely more than a few deep
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import\b|import[ \t]+([\w. ,\t]+))", re.M)
# What inference (jedi) may spend, in all, on calls the engine cannot resolve itself.
INFERENCE_BUDGET_SECONDS = 2.0

# Given a module, its text and the position of a called name: the key of the function called.
Inference = Callable[["ProjectModule", str, Position], "str | None"]


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
        inference_budget: float = INFERENCE_BUDGET_SECONDS,
    ) -> None:
        self._load = load
        self._infer = infer
        self._inference_left = inference_budget
        self._starters: dict[str, LoopStart] = {}
        self._owner: dict[str, str] = {}  # starter key → module name
        self._modules: dict[str, ProjectModule] = {}
        self._exports: dict[str, dict[str, str]] = {}
        self._conversions: dict[str, Fix | None] = {}
        self._imports: dict[str, frozenset[str]] = {}  # module → top-level packages it imports
        self._unsettled: set[str] = set()  # starters changed since the last ``settle``

    def add_module(
        self, module: ProjectModule, starters: Mapping[str, LoopStart]
    ) -> frozenset[str]:
        """Record a module and the starters ``analyze_module`` found in it; returns the keys
        whose start changed (empty when the index learned nothing new)."""
        self._modules[module.name] = module
        return self._replace_starters(module, starters)

    def _replace_starters(
        self, module: ProjectModule, starters: Mapping[str, LoopStart]
    ) -> frozenset[str]:
        self._conversions.clear()  # any module's change can add or remove a caller
        old = {k: v for k, v in self._starters.items() if self._owner.get(k) == module.name}
        new = {key: start.with_path(module.path) for key, start in starters.items()}
        if old == new:
            return frozenset()
        for key in old:
            del self._starters[key]
            del self._owner[key]
        self._starters.update(new)
        self._owner.update(dict.fromkeys(new, module.name))
        changed = frozenset(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
        self._unsettled |= changed
        return changed

    def remove_module(self, name: str) -> None:
        module = self._modules.pop(name, None)
        self._exports.pop(name, None)
        if module is not None:
            self._replace_starters(module, {})

    def forget_text(self, name: str) -> None:
        """A module's text changed: drop what was derived from it (its re-exports, the
        "make it async" fixes that looked at its call sites)."""
        self._exports.pop(name, None)
        self._imports.pop(name, None)
        self._conversions.clear()

    def infer_callee(self, module_name: str | None, position: Position) -> str | None:
        """The starter a call at ``position`` reaches, by inference, where the engine's own
        resolution could not tell (``self.client.load()``, ``get_client().load()``). Bounded:
        once the index's inference budget is spent, it answers ``None``."""
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
        title = f"Make `{name}` async and await it at its {callers} call site(s)"
        return Fix(title, False, FixKind.MAKE_ASYNC, tuple(edits))

    def known_for(
        self, module_name: str, text: str, *, is_package: bool = False
    ) -> Mapping[str, LoopStart]:
        """Starters of every module but this one (its own are recomputed from its text), as
        far as its text can reach them; lookups by key (re-exports included) work for all."""
        reachable = self._reachable(text, module_name, is_package)
        return _OtherModules(self, module_name, reachable)

    def _reachable(
        self, text: str, module_name: str, is_package: bool, words: set[str] | None = None
    ) -> frozenset[str]:
        """Other modules' starters a text can call: it imports their package, names their
        module (``api`` for ``pkg.api.Client.load``, unless the package itself re-exports them)
        and every part of them below it (``Client`` and ``load``)."""
        packages = imported_packages(text, module_name, is_package=is_package)
        candidates = [
            key
            for key, owner in self._owner.items()
            if owner != module_name and key.split(".")[0] in packages and ".<locals>." not in key
        ]
        if not candidates:
            return frozenset()
        words = words if words is not None else set(_WORD.findall(text))
        return frozenset(
            key
            for key in candidates
            if all(part in words for part in self._call_parts(key))
            and self._module_named(key, words)
        )

    def _module_named(self, key: str, words: set[str]) -> bool:
        owner = self._owner[key].split(".")
        if owner[-1] in words or len(owner) == 1:
            return True
        package = owner[0]
        first = self._call_parts(key)[:1]
        return package in self._modules and bool(first) and first[0] in self._exports_of(package)

    def _call_parts(self, key: str) -> list[str]:
        below_module = key[len(self._owner[key]) + 1 :].split(".")
        return [part for part in below_module if part != "__init__"]

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
        """Modules whose text can reach one of these starters, or could reach one that went
        away (its old callers must forget it)."""
        packages = {key.split(".")[0] for key in keys}
        names = called_names(keys)
        gone = any(key not in self._owner for key in keys)  # no parts to check: by name only
        found = []
        for name, module in sorted(self._modules.items()):
            if not self._imports_of(name) & packages:
                continue
            text = self._load(module)
            if text is None:
                continue
            words = set(_WORD.findall(text))
            if not names & words:
                continue
            if gone or self._reachable(text, name, module.is_package, words) & keys:
                found.append(module)
        return found

    def mentions_other_starters(self, module: ProjectModule, text: str) -> bool:
        """Whether a module's findings may depend on other modules' starters: it has loop
        context (``async``, or a loop callback) and can reach one of them."""
        if not _RUNS_ON_A_LOOP.search(text):
            return False
        return bool(self._reachable(text, module.name, module.is_package))

    def _imports_of(self, name: str) -> frozenset[str]:
        if name not in self._imports:
            module = self._modules[name]
            text = self._load(module)
            self._imports[name] = (
                imported_packages(text, name, is_package=module.is_package) if text else frozenset()
            )
        return self._imports[name]

    # Mapping interface: direct keys; lookups also follow re-exports.
    def __getitem__(self, key: str) -> LoopStart:
        found = self._resolve(key, 0)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._starters)

    def __len__(self) -> int:
        return len(self._starters)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._resolve(key, 0) is not None

    def _resolve(self, key: str, hops: int) -> LoopStart | None:
        if key in self._starters:
            return self._starters[key]
        if hops >= _MAX_REEXPORT_HOPS:
            return None
        parts = key.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = ".".join(parts[:cut])
            if module in self._modules:
                target = self._exports_of(module).get(parts[cut])
                if target is None:
                    return None
                return self._resolve(".".join([target, *parts[cut + 1 :]]), hops + 1)
        return None

    def _exports_of(self, name: str) -> dict[str, str]:
        if name not in self._exports:
            module = self._modules[name]
            text = self._load(module)
            exports = module_exports(text, name, is_package=module.is_package) if text else {}
            self._exports[name] = exports
        return self._exports[name]


def imported_packages(text: str, module_name: str, *, is_package: bool = False) -> frozenset[str]:
    """The top-level packages a module imports from (relative imports: its own package)."""
    own = module_name.split(".")[0]
    found = set()
    for match in _IMPORT.finditer(text):
        source, names = match.groups()
        if source is not None:
            found.add(own if source.startswith(".") else source.split(".")[0])
        else:
            found.update(part.split()[0].split(".")[0] for part in names.split(",") if part.split())
    return frozenset(found)


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
