"""A file's digest is taken again from its content only when it may have changed: its size,
modification time or inode differ from the last run's, or it had been written too shortly
before that run read it for its time to be trusted (as git and ruff do)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from looplint.project.cache import Cache
from looplint.project.cache_keys import content_digest
from looplint.project.file_digests import FileDigests

SCOPE = "/work/project"
AN_HOUR = 3600


def digests_in_a_run(cache_folder: Path, *paths: Path) -> list[str | None]:
    """What one run (its own cache, saved at its end) takes the files' digests to be."""
    cache = Cache.open(cache_folder, SCOPE)
    digests = FileDigests(cache)
    found = digests.all(paths)
    digests.store()
    cache.save()
    return found


def digest_in_a_run(cache_folder: Path, path: Path) -> str | None:
    [digest] = digests_in_a_run(cache_folder, path)
    return digest


def same_size_other_content(path: Path, text: str) -> None:
    """Rewrite a file with content of the same size, and give it back its modification time."""
    before = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def written_long_ago(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    an_hour_ago = time.time_ns() - AN_HOUR * 1_000_000_000
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    return path


def test_the_digest_is_the_content_s(tmp_path: Path) -> None:
    path = written_long_ago(tmp_path / "app.py", "x = 1\n")
    assert digest_in_a_run(tmp_path / "cache", path) == content_digest(b"x = 1\n")


def test_a_file_as_it_was_long_after_its_last_write_is_not_read_again(tmp_path: Path) -> None:
    path = written_long_ago(tmp_path / "app.py", "x = 1\n")
    assert digest_in_a_run(tmp_path / "cache", path) == content_digest(b"x = 1\n")
    same_size_other_content(path, "x = 2\n")  # what no editor does: the time says unchanged
    assert digest_in_a_run(tmp_path / "cache", path) == content_digest(b"x = 1\n")


def test_a_file_read_just_after_it_was_written_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text("x = 1\n", encoding="utf-8")
    assert digest_in_a_run(tmp_path / "cache", path) == content_digest(b"x = 1\n")
    same_size_other_content(path, "x = 2\n")  # within the same tick of a coarse clock
    assert digest_in_a_run(tmp_path / "cache", path) == content_digest(b"x = 2\n")


def test_a_file_whose_size_or_time_changed_is_read_again(tmp_path: Path) -> None:
    path = written_long_ago(tmp_path / "app.py", "x = 1\n")
    digest_in_a_run(tmp_path / "cache", path)
    path.write_text("x = 10\n", encoding="utf-8")
    assert digest_in_a_run(tmp_path / "cache", path) == content_digest(b"x = 10\n")
    written_long_ago(path, "x = 11\n")
    assert digest_in_a_run(tmp_path / "cache", path) == content_digest(b"x = 11\n")


def test_a_missing_file_has_no_digest(tmp_path: Path) -> None:
    assert digest_in_a_run(tmp_path / "cache", tmp_path / "gone.py") is None


def test_a_run_that_learned_nothing_new_writes_nothing(tmp_path: Path) -> None:
    recent = tmp_path / "recent.py"
    recent.write_text("x = 1\n", encoding="utf-8")  # read again each run within the window
    old = written_long_ago(tmp_path / "old.py", "y = 1\n")
    digests_in_a_run(tmp_path / "cache", recent, old)
    [cache_file] = (tmp_path / "cache").glob("*.cache")
    written = cache_file.stat().st_mtime_ns
    assert digests_in_a_run(tmp_path / "cache", recent, old) == [
        content_digest(b"x = 1\n"),
        content_digest(b"y = 1\n"),
    ]
    assert cache_file.stat().st_mtime_ns == written
