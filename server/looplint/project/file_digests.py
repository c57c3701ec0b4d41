"""Files' content digests, each file read again only when it may have changed.

Reading and hashing every file is most of the cost of a run over a project in which little
changed. As git and ruff do, a file whose size, modification time and inode are what they were
when it was last read is taken to hold the same content — unless it had been modified less
than ``RACY_SECONDS`` before that read: a write in the same tick of the file system's clock
can leave the modification time as it was, so such a file is read again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from looplint.project.cache import Cache
from looplint.project.cache_keys import content_digest

KEY = "file-digests"
RACY_SECONDS = 2

# A file's size, modification time (ns) and inode; when it was read (ns); its digest.
Stat = tuple[int, int, int]
Reading = tuple[Stat, int, str]


class FileDigests:
    """The digests of files' contents, remembered in the cache from one run to the next."""

    def __init__(self, cache: Cache) -> None:
        stored = cache.get(KEY) if cache.enabled else None
        self._cache = cache
        self._known: dict[str, Reading] = stored if isinstance(stored, dict) else {}
        self._seen: dict[str, Reading] = {}

    def of(self, path: Path) -> str | None:
        """The ``content_digest`` of the file at ``path`` (``None``: it cannot be read)."""
        where = str(path)  # as given: a run from another folder only reads the file again
        try:
            found = os.stat(where)
            stat = (found.st_size, found.st_mtime_ns, found.st_ino)
            known = self._known.get(where)
            if known is not None and known[0] == stat and _long_before(stat[1], known[1]):
                self._seen[where] = known
                return known[2]
            read_at = time.time_ns()
            digest = content_digest(Path(where).read_bytes())
        except OSError:
            return None
        reading = (stat, read_at, digest)
        if (
            known is not None
            and known[0::2] == reading[0::2]
            and not _long_before(stat[1], read_at)
        ):
            reading = known  # the same, and still too recent to be trusted: nothing learned
        self._seen[where] = reading
        return digest

    def all(self, paths: Sequence[Path]) -> list[str | None]:
        """``of`` each path."""
        return [self.of(path) for path in paths]

    def store(self) -> None:
        """Keep what this run read for the next one (the files it did not look at are
        forgotten)."""
        if self._seen != self._known:
            self._cache.put(KEY, self._seen)


def _long_before(modified_ns: int, read_ns: int) -> bool:
    return modified_ns + RACY_SECONDS * 1_000_000_000 < read_ns
