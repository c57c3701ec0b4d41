"""Resuming from the settled index of the previous run: only what changed is settled again.

Settling follows calls between modules until no starter changes, which takes rounds of
analyses over every module that calls another's starter. A run over a project that changed
little starts from the index the previous run settled: each module whose content, name and
settings are what they were takes its settled starters from it; the others (and the modules
gone) are what is left to settle. The result is the index a settle from scratch would reach.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from looplint.engine.callgraph import LoopStart
from looplint.engine.project import ProjectIndex, ProjectModule, TextFacts
from looplint.project.cache_keys import settings_text
from looplint.project.settle import SettingsFor

# What a module's settled starters were computed from: its digest, identity and settings.
Inputs = tuple[str, str, str]
# The previous run's settled index: for each module's path, its inputs and settled starters.
State = dict[str, tuple[Inputs, dict[str, LoopStart]]]


class SettledState:
    """The previous run's settled index (empty when there was none), and what changed since."""

    KEY: ClassVar[str] = "settled-index"

    def __init__(self, previous: State | None, settings_for: SettingsFor) -> None:
        self._previous = dict(previous or {})
        self._settings_for = settings_for
        self._inputs: dict[str, Inputs | None] = {}
        self._changed: list[ProjectModule] = []
        self._changed_keys: set[str] = set()

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
        inputs = None
        if digest is not None:
            settings = settings_text(self._settings_for(module))
            inputs = (digest, repr(module), settings)
        self._inputs[module.path] = inputs
        kept = self._previous.pop(module.path, None)
        if kept is not None and inputs is not None and kept[0] == inputs:
            index.add_module(module, kept[1], facts)
            return
        index.add_module(module, own, facts)
        self._changed.append(module)
        self._changed_keys |= own.keys() | (kept[1].keys() if kept is not None else set())

    def resume(self, index: ProjectIndex) -> list[ProjectModule]:
        """Mark in ``index`` what is left to settle; returns the modules that changed (for
        ``settle``'s first round)."""
        for _, starters in self._previous.values():  # modules gone since
            self._changed_keys |= starters.keys()
        index.resume(self._changed_keys)
        return self._changed

    def settled(self, index: ProjectIndex) -> State:
        """The state to resume from next time (once ``index`` is settled)."""
        return {
            path: (inputs, index.starters_of(name))
            for path, inputs in self._inputs.items()
            if inputs is not None and (name := index.module_at(path)) is not None
        }
