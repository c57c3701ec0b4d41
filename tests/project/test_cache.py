"""The persistent cache keeps looplint's own values between runs, in one file per run scope,
written atomically; a file it did not write itself (another version, damaged, crafted) is read as
an empty cache and never runs code; a folder it cannot use disables it with a reason."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import looplint
import pytest
from looplint.engine import analyze
from looplint.engine.analysis import analyze_module
from looplint.engine.project import ProjectIndex, ProjectModule, text_facts
from looplint.project.cache import CACHEDIR_TAG, STALE_TEMPORARY_SECONDS, Cache, content_key
from looplint.project.settle import settle

HELPERS = """\
import asyncio


async def fetch(x=1):
    return x


def load(x=1):
    return asyncio.run(fetch(x))


def outer():
    return load()
"""
APP = """\
import asyncio


async def main():
    asyncio.run(work())
    loop = asyncio.get_event_loop()
    loop.run_until_complete(work())
"""
NOBODY = 65534  # the unprivileged user of Linux distributions
SCOPE = "/work/project"


def engine_values() -> dict[str, object]:
    """Values of every kind the project layer keeps: a settled index's tables, findings with
    fixes, loop-start chains with thin wrappers, a module's text facts, and plain containers
    of them."""
    findings = tuple(analyze(APP, module_name="app"))
    assert findings and all(finding.fixes for finding in findings)
    starters = analyze_module(HELPERS, module_name="helpers").starters
    assert starters["helpers.outer"].next is not None
    assert starters["helpers.load"].wrapper is not None
    facts = text_facts(APP, ProjectModule("app", "app.py"))
    index = ProjectIndex(lambda module: HELPERS)
    index.add_module(ProjectModule("helpers", "helpers.py"), starters)
    settle(index)
    return {
        content_key("settled index", HELPERS): index.tables(),
        content_key("findings", APP): findings,
        content_key("starters", HELPERS): starters,
        content_key("facts", APP): facts,
        content_key("plain"): (None, True, 3, "text", frozenset({"a", "b"}), {"k": (1, 2)}),
    }


def saved_cache(folder: Path, values: dict[str, object]) -> Cache:
    cache = Cache.open(folder, SCOPE)
    for key, value in values.items():
        cache.put(key, value)
    cache.save()
    return cache


def cache_file_with(folder: Path, values: dict[str, object]) -> Path:
    path = saved_cache(folder, values).path
    assert path is not None
    return path


def cache_file(folder: Path) -> Path:
    [path] = folder.glob("*.cache")
    return path


def test_real_engine_values_come_back_equal_in_the_next_run(tmp_path: Path) -> None:
    values = engine_values()
    saved_cache(tmp_path, values)
    reopened = Cache.open(tmp_path, SCOPE)
    assert {key: reopened.get(key) for key in values} == values
    assert reopened.problem is None


def test_a_miss_is_none(tmp_path: Path) -> None:
    saved_cache(tmp_path, engine_values())
    assert Cache.open(tmp_path, SCOPE).get(content_key("never stored")) is None


def test_each_scope_has_its_own_file(tmp_path: Path) -> None:
    values = engine_values()
    saved_cache(tmp_path, values)
    other = Cache.open(tmp_path, "/work/other-project")
    assert all(other.get(key) is None for key in values)


def test_entries_not_used_in_a_run_are_dropped_when_it_saves(tmp_path: Path) -> None:
    values = engine_values()
    saved_cache(tmp_path, values)
    kept, *dropped = values
    run = Cache.open(tmp_path, SCOPE)
    assert run.get(kept) == values[kept]
    run.save()
    reopened = Cache.open(tmp_path, SCOPE)
    assert reopened.get(kept) == values[kept]
    assert all(reopened.get(key) is None for key in dropped)


def test_a_run_that_changed_nothing_does_not_rewrite_the_file(tmp_path: Path) -> None:
    values = engine_values()
    saved_cache(tmp_path, values)
    before = os.stat(cache_file(tmp_path))
    run = Cache.open(tmp_path, SCOPE)
    for key in values:
        run.get(key)
    run.save()
    after = os.stat(cache_file(tmp_path))
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_save_leaves_one_file_and_no_temporary(tmp_path: Path) -> None:
    saved_cache(tmp_path / "cache", engine_values())
    saved_cache(tmp_path / "cache", {content_key("again"): 1})
    names = sorted(path.name for path in (tmp_path / "cache").iterdir())
    assert names == sorted([".gitignore", "CACHEDIR.TAG", cache_file(tmp_path / "cache").name])


def test_save_removes_temporaries_that_killed_runs_left(tmp_path: Path) -> None:
    path = cache_file_with(tmp_path, engine_values())
    left, current = Path(f"{path}.old1234.tmp"), Path(f"{path}.new5678.tmp")
    left.write_bytes(b"half a cache")
    current.write_bytes(b"a save under way")
    an_hour_and_more_ago = time.time() - STALE_TEMPORARY_SECONDS - 60
    os.utime(left, (an_hour_and_more_ago, an_hour_and_more_ago))
    saved_cache(tmp_path, {content_key("x"): 1})
    assert (left.exists(), current.exists()) == (False, True)


def test_a_failed_save_sets_the_problem_and_raises_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    run = Cache.open(folder, SCOPE)
    run.put(content_key("x"), 1)
    shutil.rmtree(folder)
    run.save()
    assert run.problem is not None
    assert run.problem.startswith(f"{folder}/") and "cannot write the cache" in run.problem


def test_creating_the_folder_writes_a_gitignore_and_a_cachedir_tag(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / ".looplint_cache"
    Cache.open(folder, SCOPE)
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text() == CACHEDIR_TAG
    assert CACHEDIR_TAG.startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_the_gitignore_keeps_the_cache_out_of_git(tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    subprocess.run([git, "init", "-q", str(tmp_path)], check=True)
    saved_cache(tmp_path / ".looplint_cache", engine_values())
    (tmp_path / "app.py").write_text(APP)
    status = subprocess.run(
        [git, "status", "--porcelain", "--untracked-files=all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout.splitlines() == ["?? app.py"]


def test_a_folder_that_exists_already_gets_no_gitignore(tmp_path: Path) -> None:
    saved_cache(tmp_path, engine_values())
    assert not (tmp_path / ".gitignore").exists()
    assert not (tmp_path / "CACHEDIR.TAG").exists()


def test_a_disabled_cache_misses_and_writes_nothing(tmp_path: Path) -> None:
    cache = Cache.open(None, SCOPE)
    cache.put(content_key("x"), 1)
    assert cache.get(content_key("x")) is None
    cache.save()
    assert (cache.enabled, cache.path, cache.problem) == (False, None, None)


def test_a_folder_that_cannot_be_created_disables_the_cache_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    folder = tmp_path / "a-file" / "cache"
    cache = Cache.open(folder, SCOPE)
    assert not cache.enabled
    assert cache.problem == f"{folder}: cannot create the cache folder: Not a directory"
    cache.put(content_key("x"), 1)
    cache.save()
    assert cache.get(content_key("x")) is None


def test_a_read_only_folder_disables_the_cache_with_a_reason() -> None:
    # Root may write anywhere: then the cache is opened by a child process that is not root.
    parent = Path(tempfile.mkdtemp())
    try:
        parent.chmod(0o755)
        folder = parent / "cache"
        folder.mkdir(mode=0o555)
        folder.chmod(0o555)
        if os.geteuid() == 0:
            told = _opened_without_privileges(folder)
        else:
            cache = Cache.open(folder, SCOPE)
            told = repr((cache.enabled, cache.problem))
        assert told == repr((False, f"{folder}: cannot write in the cache folder"))
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def _opened_without_privileges(folder: Path) -> str:
    """``(enabled, problem)`` of ``Cache.open(folder)`` in a forked child running as nobody."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            cache = Cache.open(folder, SCOPE)
            os.write(writing, repr((cache.enabled, cache.problem)).encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as answer:
        told = answer.read()
    os.waitpid(child, 0)
    return told


def test_a_cache_file_that_cannot_be_read_disables_the_cache_with_a_reason(
    tmp_path: Path,
) -> None:
    path = cache_file_with(tmp_path, engine_values())
    path.unlink()
    path.mkdir()
    cache = Cache.open(tmp_path, SCOPE)
    assert not cache.enabled
    assert cache.problem is not None
    assert cache.problem.startswith(f"{path}: cannot read the cache: ")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1], id="last-byte-missing"),
        pytest.param(lambda data: data[:-40] + bytes([data[-40] ^ 1]) + data[-39:], id="bit-flip"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: os.urandom(len(data)), id="noise"),
        pytest.param(lambda data: b"[tool.ruff]\nselect = []\n", id="another-program's-file"),
    ],
)
def test_a_damaged_or_foreign_file_is_an_empty_cache(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    values = engine_values()
    path = cache_file_with(tmp_path, values)
    path.write_bytes(damage(path.read_bytes()))
    reopened = Cache.open(tmp_path, SCOPE)
    assert all(reopened.get(key) is None for key in values)
    assert (reopened.enabled, reopened.problem) == (True, None)
    reopened.put(content_key("x"), 1)
    reopened.save()
    assert Cache.open(tmp_path, SCOPE).get(content_key("x")) == 1


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        pytest.param(f"looplint {looplint.__version__} ", "looplint 0.0.1 ", id="looplint"),
        pytest.param(f" {sys.version.split()[0]} ", " 3.99.0 ", id="python"),
        pytest.param("looplint cache\n1\n", "looplint cache\n2\n", id="cache-format"),
    ],
)
def test_a_file_of_another_version_is_an_empty_cache(
    tmp_path: Path, ours: str, theirs: str
) -> None:
    values = engine_values()
    path = cache_file_with(tmp_path, values)
    data = path.read_bytes()
    assert ours.encode() in data
    path.write_bytes(data.replace(ours.encode(), theirs.encode(), 1))
    reopened = Cache.open(tmp_path, SCOPE)
    assert all(reopened.get(key) is None for key in values)


class RunsACommand:
    """What an attacker would store: unpickling it calls ``os.system``."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (self.command,)


class CallsAGlobal:
    """Unpickling it calls ``function`` (any global a pickle can name)."""

    def __init__(self, function: object, argument: object) -> None:
        self.function, self.argument = function, argument

    def __reduce__(self) -> tuple[object, tuple[object]]:
        return self.function, (self.argument,)


def with_payload(path: Path, payload: bytes) -> None:
    """Replace a cache file's payload, with a checksum that holds: what someone who knows the
    format could write."""
    *header, _checksum, _payload = path.read_bytes().split(b"\n", 5)
    checksum = hashlib.blake2b(payload, digest_size=32).hexdigest().encode()
    path.write_bytes(b"\n".join([*header, checksum, payload]))


def test_a_crafted_table_naming_os_system_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    values = engine_values()
    path = cache_file_with(tmp_path / "cache", values)
    key = next(iter(values))
    with_payload(path, pickle.dumps({key: RunsACommand(f"touch {marker}")}))
    reopened = Cache.open(tmp_path / "cache", SCOPE)
    assert reopened.get(key) is None
    assert not marker.exists()


def test_a_crafted_entry_naming_os_system_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    values = engine_values()
    path = cache_file_with(tmp_path / "cache", values)
    crafted = {key: pickle.dumps(RunsACommand(f"touch {marker}")) for key in values}
    with_payload(path, pickle.dumps(crafted))
    reopened = Cache.open(tmp_path / "cache", SCOPE)
    assert all(reopened.get(key) is None for key in values)
    assert not marker.exists()


@pytest.mark.parametrize(
    "function",
    [
        pytest.param(eval, id="builtins.eval"),
        pytest.param(analyze, id="an-engine-function"),
        pytest.param(ProjectIndex, id="an-engine-class-not-a-value"),
        pytest.param(Path, id="another-package's-class"),
    ],
)
def test_an_entry_naming_anything_but_a_looplint_value_is_refused(
    tmp_path: Path, function: object
) -> None:
    values = engine_values()
    path = cache_file_with(tmp_path, values)
    crafted = {key: pickle.dumps(CallsAGlobal(function, "1")) for key in values}
    with_payload(path, pickle.dumps(crafted))
    reopened = Cache.open(tmp_path, SCOPE)
    assert all(reopened.get(key) is None for key in values)


def test_content_key_is_stable_and_tells_its_parts_apart() -> None:
    assert content_key("app.py", b"text") == content_key("app.py", b"text")
    assert len(content_key("x")) == 40
    assert int(content_key("x"), 16) >= 0
    different = {
        content_key("ab", "c"),
        content_key("a", "bc"),
        content_key("abc"),
        content_key(b"abc"),
        content_key("abc", ""),
        content_key(),
    }
    assert len(different) == 6


def test_content_key_changes_with_looplint_s_code(tmp_path: Path) -> None:
    """Another process with the same code gets the same keys; an edited copy of looplint (of the
    same version, as in a development checkout) gets others."""
    package = Path(looplint.__file__).parent
    shutil.copytree(package, tmp_path / "looplint", ignore=shutil.ignore_patterns("__pycache__"))

    def key_in_a_fresh_process() -> str:
        completed = subprocess.run(
            [sys.executable, "-c", KEY_PRINTER],
            env={**os.environ, "PYTHONPATH": str(tmp_path)},
            capture_output=True,
            text=True,
            check=True,
        )
        assert completed.stdout.startswith(f"{tmp_path / 'looplint'} "), completed.stdout
        return completed.stdout.split()[1]

    first = key_in_a_fresh_process()
    assert key_in_a_fresh_process() == first
    edited = tmp_path / "looplint" / "engine" / "findings.py"
    edited.write_text(edited.read_text() + "\n# an edit\n")
    assert key_in_a_fresh_process() != first


KEY_PRINTER = """\
import pathlib, looplint
from looplint.project.cache import content_key
print(pathlib.Path(looplint.__file__).parent, content_key("app.py", b"text"))
"""

WRITER = """\
import sys
from pathlib import Path
from looplint.project.cache import Cache, content_key

folder, scope, writer = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
for round_ in range(int(sys.argv[4])):
    cache = Cache.open(folder, scope)
    for number in range(200):
        cache.put(content_key(str(number)), (writer, round_, "x" * 100))
    cache.save()
    assert cache.problem is None, cache.problem
"""
READER = """\
import sys
from pathlib import Path
from looplint.project.cache import Cache, content_key

folder, scope = Path(sys.argv[1]), sys.argv[2]
reads = 0
while not Path(sys.argv[3]).exists():
    if not list(folder.glob("*.cache")):
        continue
    cache = Cache.open(folder, scope)
    entries = {cache.get(content_key(str(number))) for number in range(200)}
    # One save's entries, all of them: never a mix, never a torn (so empty) file.
    assert len(entries) == 1 and None not in entries, entries
    reads += 1
print(reads)
"""


def test_concurrent_saves_never_leave_a_torn_file(tmp_path: Path) -> None:
    folder, done = tmp_path / "cache", tmp_path / "writers-done"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(folder), SCOPE, str(done)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), SCOPE, name, "60"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    done.touch()
    reads, reader_errors = reader.communicate(timeout=120)
    assert [writer.returncode for writer in writers] == [0, 0], errors
    assert reader.returncode == 0, reader_errors
    assert int(reads) > 0, reads
    assert [path.name for path in folder.glob("*.tmp")] == []
