"""Resuming from the settled index of the previous run: only what changed is settled again.

Settling follows calls between modules until no starter changes, which takes rounds of
analyses over every module that calls another's starter, and the index reads each module's
text for its imports, re-exports and attribute classes. A run over a project that changed
little starts from what the previous run kept:

- over exactly the same modules (names, paths, settings), the whole index is restored, and each
  module whose text changed is given to it as a language server gives an edit (``edit``);
- otherwise each module whose content, name and settings are what they were takes its settled
  starters from it (``add``), and the others (and the modules gone) are what is left to settle.

Either way the result is the index a settle from scratch would reach.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from looplint.engine.callgraph import LoopStart
from looplint.engine.project import IndexTables, ProjectIndex, ProjectModule, TextFacts
from looplint.project.cache import Cache
from looplint.project.cache_keys import identity, settings_text
from looplint.project.settle import SettingsFor

# What a module's settled starters were computed from: its digest, identity and settings.
Inputs = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class SettledIndex:
    """What a run keeps of its settled index: each module's inputs (by module name), and
    the index's tables."""

    inputs: dict[str, Inputs]
    tables: IndexTables

    def starters_by_module(self) -> dict[str, dict[str, LoopStart]]:
        """Each module's settled starters."""
        found: dict[str, dict[str, LoopStart]] = {}
        for key, start in self.tables.starters.items():
            found.setdefault(self.tables.owner[key], {})[key] = start
        return found


class SettledState:
    """The previous run's settled index (none when there was none), and what changed since."""

    INPUTS_KEY: ClassVar[str] = "settled-inputs"
    TABLES_KEY: ClassVar[str] = "settled-tables"
    KEYS: ClassVar[tuple[str, ...]] = (INPUTS_KEY, TABLES_KEY)

    def __init__(self, previous: SettledIndex | None, settings_for: SettingsFor) -> None:
        self._previous = previous
        self._settings_for = settings_for
        self._inputs: dict[str, Inputs | None] = {}
        self._changed: list[ProjectModule] = []
        self._changed_keys: set[str] = set()
        self._restored = False
        self._previous_starters: dict[str, dict[str, LoopStart]] | None = None

    @classmethod
    def load(cls, cache: Cache, settings_for: SettingsFor) -> SettledState:
        """The state the last run stored in ``cache`` (none when it stored none)."""
        inputs, tables = cache.get(cls.INPUTS_KEY), cache.get(cls.TABLES_KEY)
        if isinstance(inputs, dict) and isinstance(tables, IndexTables):
            return cls(SettledIndex(inputs, tables), settings_for)
        return cls(None, settings_for)

    def store(self, cache: Cache, index: ProjectIndex) -> None:
        """Keep in ``cache`` the state to resume from next time (once ``index`` is settled);
        the tables, the larger part, are written again only when they changed."""
        settled = self._settled(index)
        previous = self._previous
        if previous is None or settled.inputs != previous.inputs:
            cache.put(self.INPUTS_KEY, settled.inputs)
        if previous is None or settled.tables != previous.tables:
            cache.put(self.TABLES_KEY, settled.tables)

    @property
    def previous(self) -> SettledIndex | None:
        return self._previous

    def restore(
        self, index: ProjectIndex, digests: Mapping[ProjectModule, str | None]
    ) -> list[ProjectModule] | None:
        """Restore the previous index into the empty ``index`` when it held exactly the
        modules of ``digests`` (the members) and the modules it followed into, with the same
        settings; returns the modules whose content differs since (members by their
        ``digests``; followed modules are for the caller to read again), to be given with
        ``edit`` — or ``None`` when the previous index cannot be restored."""
        previous = self._previous
        if previous is None:
            return None
        modules = previous.tables.modules
        if any(modules.get(member.name) != member for member in digests):
            return None
        members = {member.name for member in digests}
        followed = [module for name, module in modules.items() if name not in members]
        if any(
            previous.inputs.get(module.name, ("",))[1:] != self._identity(module)
            for module in [*digests, *followed]
        ):
            return None
        index.restore(previous.tables)
        self._restored = True
        self._inputs = dict(previous.inputs)
        changed = [
            member for member, digest in digests.items() if self._changed_since(member, digest)
        ]
        return changed + followed

    def unchanged(self, module: ProjectModule, digest: str | None) -> bool:
        """Whether a restored module's content is the one its settled starters came from."""
        return not self._changed_since(module, digest)

    def edit(
        self,
        index: ProjectIndex,
        module: ProjectModule,
        own: Mapping[str, LoopStart] | None,
        facts: TextFacts | None = None,
        digest: str | None = None,
    ) -> None:
        """Give the restored ``index`` a module whose text changed, with its ``own`` starters
        (found in it alone; ``None``: it can no longer be read, and leaves the index)."""
        index.forget_text(module.name)
        if own is None:
            self._changed_keys |= index.remove_module(module.name)
            self._inputs.pop(module.name, None)
            return
        self.add(index, module, own, facts, digest)

    def add(
        self,
        index: ProjectIndex,
        module: ProjectModule,
        own: Mapping[str, LoopStart],
        facts: TextFacts | None = None,
        digest: str | None = None,
    ) -> None:
        """Put a module into ``index``: its settled starters when its inputs did not change,
        else its ``own`` (found in it alone), to be settled."""
        inputs = (digest, *self._identity(module)) if digest is not None else None
        self._inputs[module.name] = inputs
        previous = self._previous
        kept = previous.inputs.get(module.name) if previous is not None else None
        if not self._restored and kept is not None and kept == inputs:
            index.add_module(module, self._settled_starters(module.name), facts)
            return
        self._changed_keys |= index.add_module(module, own, facts)
        self._changed.append(module)
        if previous is not None and not self._restored:
            self._changed_keys |= own.keys() | self._settled_starters(module.name).keys()

    def resume(self, index: ProjectIndex) -> list[ProjectModule]:
        """Mark in ``index`` what is left to settle; returns the modules that changed (for
        ``settle``'s first round)."""
        if self._previous is not None and not self._restored:
            gone = self._previous.inputs.keys() - self._inputs.keys()
            for name in gone:
                self._changed_keys |= self._settled_starters(name).keys()
        index.resume(self._changed_keys)
        return self._changed

    def _settled(self, index: ProjectIndex) -> SettledIndex:
        """The state to resume from next time (once ``index`` is settled)."""
        tables = index.tables()
        inputs = {
            name: inputs
            for name, inputs in self._inputs.items()
            if inputs is not None and name in tables.modules
        }
        return SettledIndex(inputs, tables)

    def _settled_starters(self, name: str) -> dict[str, LoopStart]:
        """A module's starters as the previous run settled them."""
        if self._previous_starters is None:
            previous = self._previous
            self._previous_starters = {} if previous is None else previous.starters_by_module()
        return self._previous_starters.get(name, {})

    def _identity(self, module: ProjectModule) -> tuple[str, str]:
        return identity(module), settings_text(self._settings_for(module))

    def _changed_since(self, module: ProjectModule, digest: str | None) -> bool:
        kept = self._inputs.get(module.name)
        return digest is None or kept is None or kept[0] != digest
