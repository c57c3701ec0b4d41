"""The persistent cache: what an earlier run learned of a file, found again by its content.

Entries are keyed by ``content_key`` (a digest of what the result depends on, salted with
looplint's code and the running Python), and stored one file per run scope in the cache folder.
A file is trusted only when its header names this looplint and this Python and its checksum
holds; anything else is read as an empty cache. Values are unpickled by an unpickler that builds
nothing but looplint's own dataclasses and enums, so a file someone else wrote cannot run code.
"""

from __future__ import annotations

import dataclasses
import enum
import glob
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from looplint import __version__

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
MAGIC = b"looplint cache\n"
SUFFIX = ".cache"
GITIGNORE = "# Written by looplint: the cache is never committed.\n*\n"
# https://bford.info/cachedir/: backup tools skip a folder holding this file.
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by looplint.\n"
)
# Packages whose dataclasses and enums a cache entry may hold.
VALUE_PACKAGES = ("looplint.engine", "looplint.project")
_CHECKSUM_SIZE = 32  # bytes of blake2b over the payload, written as hex
# A temporary file this old was left by a run that was killed while saving: it is removed.
STALE_TEMPORARY_SECONDS = 3600


def content_key(*parts: bytes | str) -> str:
    """A hex digest of ``parts``, salted with looplint's code and version and the running
    Python's, so that another looplint or another Python never reads our entries."""
    digest = _salted().copy()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(b"s" if isinstance(part, str) else b"b")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def runtime_identity() -> str:
    """What a cached result depends on besides its inputs: looplint's version and code (its
    source files' sizes and times, so an edited source tree of the same version counts as
    another looplint) and the Python running it."""
    python = f"{sys.implementation.name} {sys.version}".replace("\n", " ")
    return f"looplint {__version__} {_source_fingerprint()}; {python}"


class Cache:
    """The entries of one run scope, loaded once from the cache folder and written back once.

    ``problem`` says why the cache is not in use this run (the folder cannot be created, read
    or written), for the caller to warn about once; it is ``None`` when the cache works or was
    turned off on purpose (``--no-cache``).
    """

    def __init__(
        self,
        path: Path | None,
        header: bytes = b"",
        stored: dict[str, bytes] | None = None,
        problem: str | None = None,
    ) -> None:
        self.path = path
        """The file of this scope's entries; ``None``: the cache is disabled."""
        self.problem = problem
        self._header = header
        self._stored = stored or {}
        self._used: dict[str, bytes] = {}
        self._changed = False

    @classmethod
    def open(cls, folder: Path | None, scope: str) -> Cache:
        """The cache for one run ``scope`` (e.g. the sorted absolute checked paths) in
        ``folder``; ``None``: disabled, ``get`` always misses and ``save`` writes nothing.

        Creating the folder writes its ``.gitignore`` and ``CACHEDIR.TAG``. Never raises: a
        folder that cannot be used gives a disabled cache with ``problem`` set.
        """
        if folder is None:
            return cls(None)
        try:
            _prepare_folder(folder)
        except OSError as error:
            return cls(None, problem=f"{folder}: cannot create the cache folder: {_reason(error)}")
        if not os.access(folder, os.W_OK | os.X_OK):
            return cls(None, problem=f"{folder}: cannot write in the cache folder")
        scope_digest = _digest(scope.encode("utf-8", "surrogatepass"))
        path = folder / (scope_digest + SUFFIX)
        header = b"%s%d\n%s\n%s\n" % (
            MAGIC,
            FORMAT_VERSION,
            runtime_identity().encode("utf-8", "backslashreplace"),
            scope_digest.encode("ascii"),
        )
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return cls(path, header)
        except OSError as error:
            return cls(None, problem=f"{path}: cannot read the cache: {_reason(error)}")
        return cls(path, header, _entries(data, header, path))

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get(self, key: str) -> object | None:
        """The value stored under ``key``, or ``None``; an entry that cannot be read is a miss
        (so a stored ``None`` reads as a miss too)."""
        blob = self._used.get(key) or self._stored.get(key)
        if blob is None:
            return None
        try:
            value = _ValueUnpickler(io.BytesIO(blob)).load()
        except Exception as error:  # whatever a damaged entry raises, it is only a miss
            logger.debug("cache entry %s ignored: %s", key, error)
            self._stored.pop(key, None)
            self._used.pop(key, None)
            self._changed = True
            return None
        self._used[key] = blob
        return value

    def keep(self, keys: Iterable[str]) -> None:
        """Keep these entries for the next run, though this one did not use them (a run that
        took its other files' results from the last run's record keeps what a run after
        another change needs)."""
        for key in keys:
            blob = self._stored.get(key)
            if blob is not None:
                self._used.setdefault(key, blob)

    def put(self, key: str, value: object) -> None:
        """Store ``value`` (looplint's frozen dataclasses and enums, tuples, dicts, frozensets,
        strings, numbers, booleans, ``None``) under ``key`` for the next run; other values are
        a caller's mistake, which pickle's error tells."""
        if not self.enabled:
            return
        buffer = io.BytesIO()
        _ValuePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        blob = buffer.getvalue()
        if self._stored.get(key) != blob:
            self._changed = True
        self._used[key] = blob

    def save(self) -> None:
        """Write the entries used (got or put) in this run, atomically (a temporary file in the
        same folder, then ``os.replace``): a concurrent reader sees the old file or the new one,
        never a torn one. Entries not used are dropped, so the file never grows without bound.
        A failure to write sets ``problem`` and loses nothing but the cache."""
        if self.path is None or not (self._changed or self._used.keys() != self._stored.keys()):
            return
        payload = pickle.dumps(self._used, protocol=pickle.HIGHEST_PROTOCOL)
        checksum = _digest(payload, size=_CHECKSUM_SIZE).encode("ascii")
        try:
            _write_atomically(self.path, self._header + checksum + b"\n" + payload)
        except OSError as error:
            self.problem = f"{self.path}: cannot write the cache: {_reason(error)}"
            return
        self._stored = dict(self._used)
        self._changed = False
        _remove_stale_temporaries(self.path)


def _prepare_folder(folder: Path) -> None:
    """Create ``folder`` with its ``.gitignore`` and ``CACHEDIR.TAG``; a folder that exists
    already is left as it is (it may be one the user chose, holding files of their own)."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")


def _entries(data: bytes, header: bytes, path: Path) -> dict[str, bytes]:
    """The entries in a cache file's ``data``: empty unless its header is ``header`` and its
    checksum holds (another version's file, a damaged or a crafted one is not trusted)."""
    if not data.startswith(header):
        logger.debug(
            "cache %s ignored: written by another looplint or Python, or not a cache", path
        )
        return {}
    checksum_end = len(header) + _CHECKSUM_SIZE * 2
    checksum, payload = data[len(header) : checksum_end], data[checksum_end + 1 :]
    if checksum != _digest(payload, size=_CHECKSUM_SIZE).encode("ascii"):
        logger.debug("cache %s ignored: its checksum does not match (damaged)", path)
        return {}
    try:
        entries = _EntriesUnpickler(io.BytesIO(payload)).load()
    except Exception as error:  # a payload with a valid checksum but crafted: not trusted
        logger.debug("cache %s ignored: %s", path, error)
        return {}
    if not isinstance(entries, dict) or not all(
        isinstance(key, str) and isinstance(blob, bytes) for key, blob in entries.items()
    ):
        logger.debug("cache %s ignored: not a table of entries", path)
        return {}
    return entries


class _EntriesUnpickler(pickle.Unpickler):
    """Reads the table of entries (keys and pickled values): it builds no object of any class."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"refused to load {module}.{name}")


class _ValuePickler(pickle.Pickler):
    """Writes a dataclass as a call of its class with its fields: rebuilt through ``__init__``,
    it loads three times faster than through the state that pickle writes by default."""

    def reducer_override(self, obj: object) -> object:
        fields = _init_fields(type(obj))
        if fields is None:
            return NotImplemented
        return type(obj), tuple(getattr(obj, name) for name in fields)


@cache
def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass, in ``__init__``'s order, when ``__init__`` takes them all and
    does nothing more; ``None`` for any other class."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return None
    fields = dataclasses.fields(cls)
    if not all(field.init for field in fields):
        return None
    return tuple(field.name for field in fields)


class _ValueUnpickler(pickle.Unpickler):
    """Reads one value: builds looplint's own dataclasses and enums, nothing else."""

    def find_class(self, module: str, name: str) -> type:
        found = _value_class(module, name)
        if found is None:
            raise pickle.UnpicklingError(f"refused to load {module}.{name}")
        return found


@cache
def _value_class(module: str, name: str) -> type | None:
    """The dataclass or enum ``name`` defined in ``module`` of looplint's engine or project
    layer, or ``None`` for anything else (a function, another package's class, a dotted name)."""
    if not any(module == package or module.startswith(package + ".") for package in VALUE_PACKAGES):
        return None
    if not name.isidentifier():
        return None
    try:
        __import__(module)
    except ImportError:
        return None
    found = getattr(sys.modules[module], name, None)
    if not isinstance(found, type) or found.__module__ != module:
        return None
    if dataclasses.is_dataclass(found) or issubclass(found, enum.Enum):
        return found
    return None


def _write_atomically(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files of ``path`` that killed runs left (a running save's is new)."""
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    for temporary in path.parent.glob(glob.escape(path.name) + ".*.tmp"):
        try:
            if temporary.stat().st_mtime < cutoff:
                temporary.unlink()
        except OSError:  # removed by another run meanwhile, or not ours to remove
            continue


def _digest(data: bytes, size: int = 16) -> str:
    return hashlib.blake2b(data, digest_size=size).hexdigest()


@cache
def _salted() -> hashlib.blake2b:
    """The digest every content key starts from."""
    salt = b"%d\n%s\n" % (FORMAT_VERSION, runtime_identity().encode("utf-8", "backslashreplace"))
    return hashlib.blake2b(salt, digest_size=20)


@cache
def _source_fingerprint() -> str:
    """A digest of looplint's source files' names, sizes and modification times."""
    package = Path(__file__).resolve().parent.parent
    stats: list[str] = []
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    status = os.stat(path)
                except OSError:  # removed while we looked: its absence is the fingerprint
                    continue
                relative = os.path.relpath(path, package)
                stats.append(f"{relative} {status.st_size} {status.st_mtime_ns}")
    return _digest("\n".join(stats).encode("utf-8", "surrogateescape"))


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
