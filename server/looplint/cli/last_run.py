"""The last run over a project, kept in one cache entry to answer the next run from.

A run records each file it checked — path, content digest, identity (module name and
settings), its outcome and the cache key it is stored under — and the files it followed into
without checking them, with their digests. The next run over the same files, names and settings:

- when no content changed, answers from it, reading no other entry;
- when some did, knows which: ``project_analysis`` checks those again and, when what their
  changes mean to the other modules is nothing (``ProjectIndex.same_for_others``), takes every
  other file's outcome from here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from looplint.cli.file_check import CheckOutcome, CheckRequest, Mode
from looplint.engine import Finding
from looplint.project.cache import Cache
from looplint.project.cache_keys import identity, settings_text
from looplint.project.file_digests import FileDigests

KEY = "last-run"

# A checked file: path, digest (None: unreadable), identity, the cache key of its outcome
# (``None``: checked again each time, as a notebook or an unreadable file) and of its first
# pass (a module's), and the outcome's findings and what it could not analyze.
RecordedFile = tuple[
    str, str | None, tuple[str, str], str | None, str | None, tuple[Finding, ...], tuple[str, ...]
]
# The files followed into: path and digest.
FollowedFile = tuple[str, str]


@dataclass(frozen=True)
class LastRun:
    files: tuple[RecordedFile, ...]
    followed: tuple[FollowedFile, ...]

    @classmethod
    def read(cls, cache: Cache, requests: Sequence[CheckRequest]) -> LastRun | None:
        """The last run, when one is recorded and this one can use it (it only checks)."""
        if not cache.enabled or any(request.mode is not Mode.CHECK for request in requests):
            return None
        stored = cache.get(KEY)
        if not (isinstance(stored, tuple) and len(stored) == 2):
            return None
        files, followed = stored
        if not (_tuples(files, 7) and _tuples(followed, 2)):
            return None  # not what a run records: ignored
        return cls(files, followed)

    def changed(
        self,
        requests: Sequence[CheckRequest],
        digests: Mapping[Path, str | None],
        files: FileDigests,
    ) -> list[int] | None:
        """The indices of the requests whose content changed since (and of those checked
        again each time); ``None`` when the last run checked other files, names or settings,
        or a file it followed changed."""
        if len(self.files) != len(requests):
            return None
        changed: list[int] = []
        for index, (request, recorded) in enumerate(zip(requests, self.files, strict=True)):
            path, digest, recorded_identity = recorded[:3]
            if path != str(request.path) or recorded_identity != _identity(request):
                return None
            if digest is None or digest != digests.get(request.path) or recorded[3] is None:
                changed.append(index)
        paths = [Path(path) for path, _ in self.followed]
        if files.all(paths) != [digest for _, digest in self.followed]:
            return None
        return changed

    def first_pass_key(self, index: int) -> str | None:
        """The cache key of a file's first pass in the last run."""
        return self.files[index][4]

    def keys_of(self, indices: Iterable[int]) -> Iterator[str]:
        """The cache keys of these files' outcomes and first passes."""
        for index in indices:
            yield from filter(None, self.files[index][3:5])

    @property
    def followed_paths(self) -> list[str]:
        return [path for path, _ in self.followed]

    def outcomes(
        self, requests: Sequence[CheckRequest], skipped: Collection[int]
    ) -> dict[int, CheckOutcome]:
        """The recorded outcome of each file but the ``skipped`` and those checked again
        each time."""
        return {
            index: CheckOutcome(
                request.path,
                findings,
                not_analyzed=not_analyzed,
                content_digest=digest,
                cache_key=key,
            )
            for index, (request, (_, digest, _, key, _, findings, not_analyzed)) in enumerate(
                zip(requests, self.files, strict=True)
            )
            if index not in skipped and key is not None
        }


def record(
    cache: Cache,
    requests: Sequence[CheckRequest],
    outcomes: Sequence[CheckOutcome],
    first_pass_keys: Sequence[str | None],
    followed: Sequence[str],
    files: FileDigests,
) -> None:
    """Store the run's record (a run that fixes is not recorded), when each outcome is
    cached or is checked again cheaply, and the files followed into (``followed``, their
    paths) can be read."""
    if not cache.enabled or any(request.mode is not Mode.CHECK for request in requests):
        return
    checked: list[RecordedFile] = []
    for request, outcome, first in zip(requests, outcomes, first_pass_keys, strict=True):
        if outcome.cache_key is None and not (request.is_notebook or outcome.error):
            return  # a file changed while it was checked: the next run checks it anew
        checked.append(
            (
                str(request.path),
                outcome.content_digest,
                _identity(request),
                outcome.cache_key,
                first,
                outcome.findings,
                outcome.not_analyzed,
            )
        )
    digests = files.all([Path(path) for path in followed])
    if any(digest is None for digest in digests):
        return
    cache.put(KEY, (tuple(checked), tuple(zip(followed, digests, strict=True))))


def _tuples(value: object, size: int) -> bool:
    """Whether ``value`` is a tuple of tuples of ``size`` items, each starting with a path."""
    return isinstance(value, tuple) and all(
        isinstance(item, tuple) and len(item) == size and isinstance(item[0], str) for item in value
    )


def _identity(request: CheckRequest) -> tuple[str, str]:
    """The module's identity and the settings' text (one text for many files: stored once)."""
    return identity(request.module), settings_text(request.settings)
