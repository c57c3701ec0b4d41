"""Following calls across the checked files (LOOP201): a check in two passes.

Pass 1 checks every file on its own and learns each module's loop starters (functions that
start an event loop when called). The project layer builds the index from them, follows imports
into modules that are not checked, and settles: a module calling another module's starter is
analyzed again, until no new starter appears. Pass 2 re-checks the files whose findings depend
on other modules — in ``--fix``/``--diff`` mode every file, since its fixes are computed with the
whole project known. Only pass 2 writes fixes.

With the cache, a run after another over the same files does less (``last_run.py``): the index
is restored from the last run's settled one (``settled_state.py``) and given the files whose
content changed as edits, and only those files pass the first pass. When the edits change
nothing the other modules see (``ProjectIndex.same_for_others``), the other files' outcomes
are the last run's; otherwise every file goes through both passes (from the cache where its
inputs did not change).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from looplint.cli.cached_checks import (
    alone_key,
    check_through,
    summarize_through,
    with_project_key,
)
from looplint.cli.file_check import CheckOutcome, CheckRequest, Mode
from looplint.cli.last_run import LastRun, record
from looplint.cli.parallel import check_files
from looplint.cli.source_text import UnreadableSource, decode_python
from looplint.engine import RuleSettings
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.project.cache import Cache
from looplint.project.cache_keys import content_digest
from looplint.project.config import ProjectConfigs
from looplint.project.file_digests import FileDigests
from looplint.project.following import follow_imports
from looplint.project.indexing import new_index
from looplint.project.modules import ModuleNames
from looplint.project.settle import settle, starters_in
from looplint.project.settled_state import SettledState

LOOP201 = "LOOP201"
FIRST_PASS = "first-pass"


def check_project(
    requests: Sequence[CheckRequest], names: ModuleNames, configs: ProjectConfigs, cache: Cache
) -> list[CheckOutcome]:
    """The outcome of each request, with calls into the other modules followed; what
    ``cache`` holds for the same inputs is taken from it (after a run over the same files,
    the outcomes of the files that did not change, when their findings cannot)."""
    files = FileDigests(cache)
    digests = {request.path: files.of(request.path) for request in requests if cache.enabled}
    last = LastRun.read(cache, requests)
    changed = last.changed(requests, digests, files) if last is not None else None
    check = _ProjectCheck(requests, names, configs, cache, files, digests)
    outcomes, followed = check.run(last, changed)
    record(cache, requests, outcomes, check.first_pass_keys(), followed, files)
    files.store()
    return outcomes


class _ProjectCheck:
    """One run's check of a project: its index, resumed from the last run where it can be."""

    def __init__(
        self,
        requests: Sequence[CheckRequest],
        names: ModuleNames,
        configs: ProjectConfigs,
        cache: Cache,
        files: FileDigests,
        digests: Mapping[Path, str | None],
    ) -> None:
        self.requests = requests
        self.names = names
        self.configs = configs
        self.cache = cache
        self.files = files
        self.digests = digests
        self.modules = {
            index: request.module
            for index, request in enumerate(requests)
            if request.module is not None and not request.is_notebook
        }
        self.settings = {m.path: r.settings for r in requests if (m := r.module) is not None}
        self.first: dict[int, CheckOutcome] = {}
        self.answered_from: LastRun | None = None
        """The last run, when this one took the outcomes of the files that did not change
        from it."""

    def run(
        self, last: LastRun | None, changed: list[int] | None
    ) -> tuple[list[CheckOutcome], list[str]]:
        """The outcomes, and the paths of the files followed into without being checked.
        ``changed``: the files whose content changed since the ``last`` run (``None``: that
        run is no guide to this one)."""
        if last is not None and changed is not None and self.modules.keys().isdisjoint(changed):
            return self._answer(last, changed, {}), last.followed_paths  # no module changed
        if not any(LOOP201 in request.settings.enabled for request in self.requests):
            return check_through(
                self.cache, self.requests, alone_key("alone"), digests=self.digests
            ), []
        if not self.modules:
            self._first_pass(range(len(self.requests)))
            return self._outcomes({}), []
        project = new_index(list(self.modules.values()), _read_module)
        resumed = SettledState.load(self.cache, self._settings_for)
        followed, edited = self._fill(project, resumed, restore=changed is not None)
        settle(project, self._settings_for, summarize_through(self.cache), resumed.resume(project))
        resumed.store(self.cache, project)
        followed_paths = [module.path for module in followed]
        if last is not None and changed is not None and _stay_private(project, resumed, edited):
            self._first_pass(changed)
            again = [index for index in changed if self._depends_on_others(project, index)]
            return self._answer(last, changed, self._second_pass(project, again)), followed_paths
        self._first_pass(range(len(self.requests)))
        again = [
            index
            for index, request in enumerate(self.requests)
            if request.mode is not Mode.CHECK or self._depends_on_others(project, index)
        ]
        return self._outcomes(self._second_pass(project, again)), followed_paths

    def _fill(
        self, project: ProjectIndex, resumed: SettledState, restore: bool
    ) -> tuple[list[ProjectModule], list[ProjectModule] | None]:
        """Fill the index: restored from the last run's, with the modules changed since given
        to it as edits (when ``restore`` and it can be), or else from every file's first
        pass. Returns the modules followed into, and the edited ones (``None``: not restored)."""
        edited = self._restore(project, resumed) if restore else None
        add = self._adder(project, resumed)
        if edited is not None:
            members = set(self.modules.values())
            followed = [module for module in project.modules() if module not in members]
            return followed + follow_imports(project, self.names, edited, add), edited
        self._first_pass(range(len(self.requests)))
        for index, module in self.modules.items():
            outcome = self.first[index]
            if outcome.error is None:
                resumed.add(
                    project, module, outcome.starters, outcome.facts, outcome.content_digest
                )
        return follow_imports(project, self.names, self.modules.values(), add), None

    def _first_pass(self, indices: Iterable[int]) -> None:
        """Check these files alone (each once in a run), learning their modules' starters."""
        missing = [index for index in indices if index not in self.first]
        requests = [self._first_pass_request(index) for index in missing]
        key_of = alone_key(FIRST_PASS)
        checked = check_through(self.cache, requests, key_of, digests=self.digests)
        self.first.update(zip(missing, checked, strict=True))

    def _first_pass_request(self, index: int) -> CheckRequest:
        return replace(self.requests[index], mode=Mode.CHECK, for_index=True)

    def _keep_for_the_next_run(self, last: LastRun, changed: list[int]) -> None:
        """Keep in the cache what a run after another change may need: the settled index,
        and of the files that did not change, their outcomes and first passes."""
        self.cache.keep(SettledState.KEYS)
        self.cache.keep(last.keys_of(set(range(len(self.requests))).difference(changed)))

    def first_pass_keys(self) -> list[str | None]:
        """The cache key of each file's first pass: this run's, or for a file it did not
        pass again (its outcome taken from the last run), the last run's."""
        last = self.answered_from
        return [
            first.cache_key
            if (first := self.first.get(index)) is not None
            else (last.first_pass_key(index) if last is not None else None)
            for index in range(len(self.requests))
        ]

    def _second_pass(self, project: ProjectIndex, indices: list[int]) -> dict[int, CheckOutcome]:
        """Check these files again, with the project known."""
        requests = [self.requests[index] for index in indices]
        key_of = with_project_key(project, _text)
        return dict(zip(indices, check_through(self.cache, requests, key_of, project), strict=True))

    def _outcomes(self, second: Mapping[int, CheckOutcome]) -> list[CheckOutcome]:
        """Each file's outcome: of the second pass where it was checked again, else of the
        first (``--fix``/``--diff`` check every file in the second)."""
        if not second and any(request.mode is not Mode.CHECK for request in self.requests):
            return check_files(self.requests)
        return [second.get(index) or self.first[index] for index in range(len(self.requests))]

    def _answer(
        self, last: LastRun, changed: list[int], second: Mapping[int, CheckOutcome]
    ) -> list[CheckOutcome]:
        """The outcomes of the files that changed, checked now (the modules' in ``second``
        when they were checked again), and the last run's of the others."""
        self.answered_from = last
        outcomes = last.outcomes(self.requests, changed)
        self._keep_for_the_next_run(last, changed)
        others = [index for index in changed if index not in self.modules]
        checked = check_files([self.requests[index] for index in others])
        outcomes.update(zip(others, checked, strict=True))
        for index in changed:
            if index in self.modules:
                outcomes[index] = second.get(index) or self.first[index]
        return [outcomes[index] for index in range(len(self.requests))]

    def _restore(self, project: ProjectIndex, resumed: SettledState) -> list[ProjectModule] | None:
        """Restore the last run's settled index and give it the modules whose content
        changed since, as edits; returns them (``None``: it could not be restored)."""
        digests = {
            module: self.digests.get(self.requests[index].path)
            for index, module in self.modules.items()
        }
        if any(digest is None for digest in digests.values()):
            return None
        candidates = resumed.restore(project, digests)  # type: ignore[arg-type]
        if candidates is None:
            return None
        index_of = {module: index for index, module in self.modules.items()}
        self._first_pass(index_of[module] for module in candidates if module in index_of)
        edited: list[ProjectModule] = []
        for module in candidates:
            outcome = self.first.get(index_of[module]) if module in index_of else None
            if outcome is not None and outcome.error is None:
                resumed.edit(
                    project, module, outcome.starters, outcome.facts, outcome.content_digest
                )
                edited.append(module)
                continue
            if outcome is None and resumed.unchanged(module, self.files.of(Path(module.path))):
                continue  # a module followed into, as it was (its digest known by its stat)
            shown, content = _read(module)
            digest = None if content is None else content_digest(content)
            text = None if content is None else _text(content)
            resumed.edit(
                project, module, starters_in(shown, text, self._settings_for(module)), digest=digest
            )
            edited.append(module)
        return edited

    def _adder(
        self, project: ProjectIndex, resumed: SettledState
    ) -> Callable[[ProjectModule], bool]:
        """``follow_imports``' way to add a module that is not checked (with its path as
        shown); whether it could be read."""

        def add(module: ProjectModule) -> bool:
            module, content = _read(module)
            text = None if content is None else _text(content)
            starters = starters_in(module, text, self._settings_for(module))
            if starters is not None:
                resumed.add(project, module, starters, digest=content_digest(content))  # type: ignore[arg-type]
            return starters is not None

        return add

    def _settings_for(self, module: ProjectModule) -> RuleSettings:
        found = self.settings.get(module.path)
        return found if found is not None else self.configs.for_file(Path(module.path)).settings

    def _depends_on_others(self, project: ProjectIndex, index: int) -> bool:
        module = self.modules.get(index)
        return module is not None and project.mentions_other_starters(module)


def _stay_private(
    project: ProjectIndex, resumed: SettledState, edited: list[ProjectModule] | None
) -> bool:
    """Whether the modules given to the restored index as edits changed nothing the other
    modules see of them: then the others' findings are what they were."""
    previous = resumed.previous
    if edited is None or previous is None:
        return False
    return project.same_for_others(previous.tables, [module.name for module in edited])


def _read(module: ProjectModule) -> tuple[ProjectModule, bytes | None]:
    """A module as its path is shown, and its file's bytes (``None``: unreadable)."""
    module = replace(module, path=_as_shown(Path(module.path)))
    try:
        return module, Path(module.path).read_bytes()
    except OSError:
        return module, None


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
