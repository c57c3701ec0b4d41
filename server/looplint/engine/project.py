"""A project's loop starters across modules, for following calls into other files (LOOP201).

Building it takes two steps:

1. ``add`` each module's own starters, from ``analyze_module`` (this can run in parallel);
2. ``settle``: a module that calls a starter defined elsewhere may itself contain starters
   nobody saw yet, so such modules are analyzed again, with the index, until nothing changes.

The index then answers, for any module, which functions of *other* modules start a loop —
including through re-exports (``from .helpers import load_config`` in ``pkg/__init__.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from looplint.engine.analysis import analyze_module, module_exports
from looplint.engine.callgraph import LoopStart, function_name
from looplint.engine.conversion import call_site_edits, definition_edits
from looplint.engine.findings import Edit, Fix, FixKind, Position
from looplint.engine.prefilter import lines_mentioning
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings

_MAX_REEXPORT_HOPS = 8
# What inference (jedi) may spend, in all, on calls the engine cannot resolve itself.
INFERENCE_BUDGET_SECONDS = 5.0

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

    def add_module(self, module: ProjectModule, starters: Mapping[str, LoopStart]) -> bool:
        """Record a module and the starters ``analyze_module`` found in it; whether they
        changed what the index knows."""
        self._modules[module.name] = module
        return self._replace_starters(module, starters)

    def _replace_starters(self, module: ProjectModule, starters: Mapping[str, LoopStart]) -> bool:
        self._conversions.clear()  # any module's change can add or remove a caller
        old = {k: v for k, v in self._starters.items() if self._owner.get(k) == module.name}
        new = {key: start.with_path(module.path) for key, start in starters.items()}
        if old == new:
            return False
        for key in old:
            del self._starters[key]
            del self._owner[key]
        self._starters.update(new)
        self._owner.update(dict.fromkeys(new, module.name))
        return True

    def remove_module(self, name: str) -> None:
        module = self._modules.pop(name, None)
        self._exports.pop(name, None)
        if module is not None:
            self._replace_starters(module, {})

    def forget_text(self, name: str) -> None:
        """A module's text changed: drop what was derived from it (its re-exports, the
        "make it async" fixes that looked at its call sites)."""
        self._exports.pop(name, None)
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

    def known_for(self, module_name: str) -> Mapping[str, LoopStart]:
        """Starters of every module but this one (its own are recomputed from its text)."""
        return _OtherModules(self, module_name)

    def names(self) -> frozenset[str]:
        return frozenset(k.split(".")[-1] for k in self._starters) | frozenset(
            k.split(".")[-2] for k in self._starters if k.endswith(".__init__")
        )

    def settle(
        self, settings_for: Callable[[ProjectModule], RuleSettings] | None = None
    ) -> set[str]:
        """Re-analyze modules that call other modules' starters until no starter changes.

        Returns the names of the modules whose starters changed.
        """
        changed: set[str] = set()
        pending = set(self._modules)
        names = self.names()
        while pending and names:
            next_pending: set[str] = set()
            for name in sorted(pending):
                module = self._modules[name]
                text = self._load(module)
                if text is None or not lines_mentioning(text, names):
                    continue
                settings = settings_for(module) if settings_for else DEFAULT_SETTINGS
                result = analyze_module(
                    text,
                    settings,
                    module_name=module.name,
                    is_package=module.is_package,
                    project=self,
                    summary_only=True,
                )
                if self._replace_starters(module, result.starters):
                    changed.add(name)
                    next_pending |= set(self._modules) - {name}
            pending = next_pending
            names = self.names()
        return changed

    def mentions_other_starters(self, module: ProjectModule, text: str) -> bool:
        """Whether a module's findings depend on other modules' starters."""
        names = frozenset(
            k.split(".")[-1] for k, owner in self._owner.items() if owner != module.name
        )
        return bool(names) and bool(lines_mentioning(text, names))

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


def _at(module: ProjectModule, edit: Edit) -> Edit:
    return Edit(edit.span, edit.new_text, edit.cell, module.path)


class _OtherModules(Mapping[str, LoopStart]):
    """An index's starters, minus those of one module."""

    def __init__(self, index: ProjectIndex, excluded: str) -> None:
        self._index = index
        self._excluded = excluded

    def _mine(self, key: str) -> bool:
        return self._index._owner.get(key) == self._excluded

    def __getitem__(self, key: str) -> LoopStart:
        if self._mine(key):
            raise KeyError(key)
        return self._index[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and not self._mine(key) and key in self._index

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._index if not self._mine(k))

    def __len__(self) -> int:
        return sum(1 for _ in self)
