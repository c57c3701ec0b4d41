"""A run over a project in which nothing changed answers from one cache entry.

Through the cache, a run still builds the project index, settles it and asks which files
depend on others. When nothing changed — the same files, with the same contents, names and
settings, and the same contents in the modules followed into without being checked — the
previous run's results are the answer: one entry lists them (by their cache keys) and the
followed files (by their content digests), and a run that finds it whole reads nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from looplint.cli.cached_checks import digests_of, outcome_from
from looplint.cli.file_check import CheckOutcome, CheckRequest, Mode
from looplint.cli.parallel import check_files
from looplint.engine.project import ProjectModule
from looplint.project.cache import Cache, content_key
from looplint.project.cache_keys import settings_text

# What a run stored: the files it followed with their digests, and the cache key of each
# request's outcome (``None``: checked again each time, as a notebook or an unreadable file).
Record = tuple[tuple[tuple[str, str], ...], tuple[str | None, ...]]


def run_key(requests: Sequence[CheckRequest], digests: Mapping[Path, str | None]) -> str | None:
    """The key of a run over exactly these files, whose contents have these ``digests``;
    ``None`` when such a run is not recorded (no cache, or a run that fixes)."""
    if not digests or any(request.mode is not Mode.CHECK for request in requests):
        return None
    return content_key(
        "run",
        *(
            f"{r.path}\0{digests[r.path]}\0{r.module!r}\0{settings_text(r.settings)}"
            for r in requests
        ),
    )


def recorded(cache: Cache, key: str, requests: Sequence[CheckRequest]) -> list[CheckOutcome] | None:
    """The outcomes of the run recorded under ``key``, if every part of it is still there
    and the files it followed did not change; ``None`` otherwise."""
    record: Record | None = cache.get(key)  # type: ignore[assignment]
    if record is None:
        return None
    followed, finals = record
    if len(finals) != len(requests):
        return None
    if digests_of([Path(path) for path, _ in followed]) != [digest for _, digest in followed]:
        return None
    outcomes: list[CheckOutcome | None] = []
    for request, final in zip(requests, finals, strict=True):
        stored = cache.get(final) if final is not None else None
        if final is not None and stored is None:
            return None
        outcomes.append(None if final is None else outcome_from(request.path, stored, None))  # type: ignore[arg-type]
    again = [index for index, outcome in enumerate(outcomes) if outcome is None]
    for index, outcome in zip(again, check_files([requests[i] for i in again]), strict=True):
        outcomes[index] = outcome
    cache.keep_all()  # a later run after a change needs the rest
    return [outcome for outcome in outcomes if outcome is not None]


def record(
    cache: Cache,
    key: str,
    requests: Sequence[CheckRequest],
    outcomes: Sequence[CheckOutcome],
    followed: Sequence[ProjectModule],
) -> None:
    """Store the run's record, when each outcome is cached or is checked again cheaply."""
    finals: list[str | None] = []
    for request, outcome in zip(requests, outcomes, strict=True):
        if outcome.cache_key is None and not (request.is_notebook or outcome.error):
            return  # a file changed while it was checked: the next run checks it anew
        finals.append(outcome.cache_key)
    paths = [module.path for module in followed]
    digests = digests_of([Path(path) for path in paths])
    if any(digest is None for digest in digests):
        return
    followed_digests = tuple(zip(paths, digests, strict=True))
    cache.put(key, (followed_digests, tuple(finals)))
