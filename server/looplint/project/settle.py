"""Settling the project index: the cross-module fixpoint of loop starters.

A module that calls a starter defined elsewhere may itself contain starters nobody saw yet
(``def mid(): return load_config()``, where ``load_config`` starts a loop in another file). So
once every module's own starters are in the index, the modules that may call a starter that
changed are analyzed again, with the index, and so on until no starter changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from looplint.engine.analysis import analyze_module
from looplint.engine.callgraph import LoopStart
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings

MAX_SETTLE_ROUNDS = 32  # chains of calls across modules are rarely more than a few deep

SettingsFor = Callable[[ProjectModule], RuleSettings]
# Runs ``summarize`` for each module (in order), with each module's settings.
SummarizeAll = Callable[
    [ProjectIndex, Sequence[ProjectModule], SettingsFor], list[Mapping[str, LoopStart] | None]
]


def settle(
    index: ProjectIndex,
    settings_for: SettingsFor = lambda module: DEFAULT_SETTINGS,
    summarize_all: SummarizeAll | None = None,
    changed: Sequence[ProjectModule] = (),
) -> set[str]:
    """Re-analyze the modules that may call a starter that changed since the last settle
    (appeared, went away, or reaches a loop differently), then those that may call what
    that changed, until nothing does — and first the ``changed`` modules, whose starters in
    the index are their own alone while the others' are settled (a check resuming from a
    cached settled index). Returns the names of the modules whose starters changed.

    Each round's modules are analyzed against the index as it was when the round began,
    by ``summarize_all`` (a front end may run ``summarize`` in parallel; by default they
    run here, one by one). The index stays locked throughout: no analysis sees it half-settled.
    """
    summarize_all = summarize_all or summarize_here
    changed_modules: set[str] = set()
    with index.lock:
        first = list(changed)
        for _ in range(MAX_SETTLE_ROUNDS):
            pending = index.take_unsettled()
            if not pending and not first:
                break
            modules = index.possible_callers(pending)
            if first:
                called = {module.name for module in modules}
                modules += [
                    module
                    for module in first
                    if module.name not in called and index.calls_other_starters(module)
                ]
                first = []
            summaries = summarize_all(index, modules, settings_for)
            for module, starters in zip(modules, summaries, strict=True):
                if starters is not None and index.add_module(module, starters):
                    changed_modules.add(module.name)
    return changed_modules


def summarize(
    index: ProjectIndex, module: ProjectModule, settings: RuleSettings
) -> Mapping[str, LoopStart] | None:
    """A module's starters, found with the index's knowledge of the others (``None``: its text
    cannot be read)."""
    with index.lock:
        return starters_in(module, index.text_of(module), settings, index)


def starters_in(
    module: ProjectModule,
    text: str | None,
    settings: RuleSettings,
    project: ProjectIndex | None = None,
) -> Mapping[str, LoopStart] | None:
    """A module's loop starters in ``text``: its own alone, or with ``project``'s knowledge of
    the other modules (``None``: there is no text)."""
    if text is None:
        return None
    return analyze_module(
        text,
        settings,
        module_name=module.name,
        is_package=module.is_package,
        project=project,
        summary_only=True,
    ).starters


def summarize_here(
    index: ProjectIndex, modules: Sequence[ProjectModule], settings_for: SettingsFor
) -> list[Mapping[str, LoopStart] | None]:
    """``summarize`` for each module, one by one in this thread."""
    return [summarize(index, module, settings_for(module)) for module in modules]
