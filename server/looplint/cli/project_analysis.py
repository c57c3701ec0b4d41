"""Following calls across the checked files (LOOP201): a check in two passes.

Pass 1 checks every file on its own and learns each module's loop starters (functions that
start an event loop when called). The project layer builds the index from them, follows imports
into modules that are not checked, and settles: a module calling another module's starter is
analyzed again, until no new starter appears. Pass 2 re-checks the files whose findings depend
on other modules — in ``--fix``/``--diff`` mode every file, since its fixes are computed with the
whole project known. Only pass 2 writes fixes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from looplint.cli.cached_checks import (
    alone_key,
    check_through,
    file_digests,
    summarize_through,
    with_project_key,
)
from looplint.cli.file_check import CheckOutcome, CheckRequest, Mode
from looplint.cli.parallel import check_files
from looplint.cli.source_text import UnreadableSource, decode_python
from looplint.cli.unchanged_run import record, recorded, run_key
from looplint.engine import RuleSettings
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.project.cache import Cache
from looplint.project.cache_keys import content_digest
from looplint.project.config import ProjectConfigs
from looplint.project.following import follow_imports
from looplint.project.indexing import new_index
from looplint.project.modules import ModuleNames
from looplint.project.settle import settle, starters_in
from looplint.project.settled_state import SettledState

LOOP201 = "LOOP201"


def check_project(
    requests: Sequence[CheckRequest], names: ModuleNames, configs: ProjectConfigs, cache: Cache
) -> list[CheckOutcome]:
    """The outcome of each request, with calls into the other modules followed; what
    ``cache`` holds for the same inputs is taken from it (a run in which nothing changed,
    from a single entry)."""
    digests = file_digests(cache, requests)
    key = run_key(requests, digests)
    answer = recorded(cache, key, requests) if key is not None else None
    if answer is not None:
        return answer
    outcomes, followed = _check_project(requests, names, configs, cache, digests)
    if key is not None:
        record(cache, key, requests, outcomes, followed)
    return outcomes


def _check_project(
    requests: Sequence[CheckRequest],
    names: ModuleNames,
    configs: ProjectConfigs,
    cache: Cache,
    digests: Mapping[Path, str | None],
) -> tuple[list[CheckOutcome], list[ProjectModule]]:
    """``check_project``'s outcomes, and the modules followed into without being checked."""
    if not any(LOOP201 in request.settings.enabled for request in requests):
        return check_through(cache, requests, alone_key("alone"), digests=digests), []
    first = check_through(
        cache,
        [replace(request, mode=Mode.CHECK, for_index=True) for request in requests],
        alone_key("first-pass"),
        digests=digests,
    )
    modules = {
        request.path: request.module
        for request in requests
        if request.module is not None and not request.is_notebook
    }
    if not modules:
        all_checks = all(r.mode is Mode.CHECK for r in requests)
        return (first if all_checks else check_files(requests)), []
    project = new_index(list(modules.values()), _read_module)
    settings = {module.path: request.settings for request in requests if (module := request.module)}

    def settings_for(module: ProjectModule) -> RuleSettings:
        found = settings.get(module.path)
        return found if found is not None else configs.for_file(Path(module.path)).settings

    previous = cache.get(SettledState.KEY)
    resumed = SettledState(previous, settings_for)  # type: ignore[arg-type]
    for outcome in first:
        module = modules.get(outcome.path)
        if module is not None and outcome.error is None:
            resumed.add(project, module, outcome.starters, outcome.facts, outcome.content_digest)

    def add(module: ProjectModule) -> bool:
        module = replace(module, path=_as_shown(Path(module.path)))
        try:
            content = Path(module.path).read_bytes()
        except OSError:
            return False
        starters = starters_in(module, _text(content), settings_for(module))
        if starters is not None:
            resumed.add(project, module, starters, digest=content_digest(content))
        return starters is not None

    followed = follow_imports(project, names, modules.values(), add)
    settle(project, settings_for, summarize_through(cache), resumed.resume(project))
    settled = resumed.settled(project)
    if settled != previous:
        cache.put(SettledState.KEY, settled)
    again = [
        index
        for index, request in enumerate(requests)
        if request.mode is not Mode.CHECK or _depends_on_others(project, modules, request)
    ]
    second = check_through(
        cache, [requests[index] for index in again], with_project_key(project, _text), project
    )
    outcomes = list(first)
    for index, outcome in zip(again, second, strict=True):
        outcomes[index] = outcome
    return outcomes, followed


def _depends_on_others(
    project: ProjectIndex, modules: dict[Path, ProjectModule], request: CheckRequest
) -> bool:
    module = modules.get(request.path)
    return module is not None and project.mentions_other_starters(module)


def _read_module(module: ProjectModule) -> str | None:
    """A module's current text from disk (``None`` when it cannot be read)."""
    try:
        return _text(Path(module.path).read_bytes())
    except OSError:
        return None


def _text(content: bytes) -> str | None:
    try:
        return decode_python(content).text
    except UnreadableSource:
        return None


def _as_shown(path: Path) -> str:
    """A path below the current folder relative to it, as the checked paths are shown."""
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
