"""The benchmark corpus: real Python code, downloaded and unpacked by the benchmark itself.

It is the running interpreter's standard library (every ``.py`` file, test suites included, since
they are real code an analyzer meets) plus the sdists of a few pinned async-heavy packages, the code
looplint is written for. Each lives in its own folder under the corpus root so that
``looplint check <root>`` sees exactly the files the single-process passes read.
"""

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tokenize
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

PINNED_SDISTS: tuple[tuple[str, str], ...] = (
    ("aiohttp", "3.14.5"),
    ("anyio", "4.16.0"),
    ("httpx", "0.28.1"),
    ("tornado", "6.6.1"),
    ("trio", "0.35.0"),
    ("uvicorn", "0.54.0"),
)
"""Exact versions, so every run measures the same third-party code."""

STDLIB_FOLDER = "stdlib"

CORPUS_PYPROJECT = """\
# Written by bench/corpus_builder.py. Setting exclude replaces looplint's default excludes,
# which would skip the stdlib's venv/ package: `looplint check` then reads exactly the files
# the single-process passes read.
[tool.looplint]
exclude = [".git"]
"""

_MANIFEST = ".manifest.json"


@dataclass(frozen=True)
class Corpus:
    """The Python files of a corpus, in a stable order, and their size."""

    root: Path
    files: tuple[Path, ...]
    lines_per_file: tuple[int, ...]
    """The line count of each file, in the order of ``files``."""

    @property
    def lines(self) -> int:
        return sum(self.lines_per_file)

    def folders(self) -> tuple[str, ...]:
        """The top-level folders that hold Python files: the packages, and the stdlib."""
        relative = (path.relative_to(self.root).parts for path in self.files)
        return tuple(sorted({parts[0] for parts in relative if len(parts) > 1}))

    def files_under(self, folder: str) -> tuple[Path, ...]:
        """The files of one top-level folder of the corpus (a package, or the stdlib)."""
        base = self.root / folder
        return tuple(path for path in self.files if path.is_relative_to(base))

    def lines_under(self, folder: str) -> int:
        base = self.root / folder
        return sum(
            lines
            for path, lines in zip(self.files, self.lines_per_file, strict=True)
            if path.is_relative_to(base)
        )


def read_python_source(path: Path) -> str:
    """Decode a file the way the interpreter does (PEP 263 cookie, else UTF-8).

    Every measurement reads files through this one function so they all do the same work.
    """
    with tokenize.open(path) as stream:
        return stream.read()


def count_lines(source: str) -> int:
    return source.count("\n") + (0 if source.endswith("\n") or not source else 1)


def load_corpus(root: Path) -> Corpus:
    """List the ``.py`` files already present under ``root``."""
    files = tuple(sorted(root.rglob("*.py")))
    lines = tuple(count_lines(read_python_source(path)) for path in files)
    return Corpus(root=root, files=files, lines_per_file=lines)


def build_corpus(root: Path, cache: Path) -> Corpus:
    """Make ``root`` hold the stdlib and the pinned sdists, reusing it when already up to date.

    Downloads go to ``cache`` and are reused on later runs; the corpus is rebuilt when the
    interpreter or the pins change.
    """
    manifest = json.dumps(
        {"python": sys.version, "stdlib": _stdlib_root().as_posix(), "sdists": PINNED_SDISTS},
        indent=2,
    )
    marker = root / _MANIFEST
    if not marker.is_file() or marker.read_text(encoding="utf-8") != manifest:
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        _copy_stdlib(root / STDLIB_FOLDER)
        for (name, _version), archive in zip(
            PINNED_SDISTS, download_sdists(cache, PINNED_SDISTS), strict=True
        ):
            unpack_python_files(archive, root / name)
        marker.write_text(manifest, encoding="utf-8")
    make_separate_project(root)
    return load_corpus(root)


def make_separate_project(root: Path) -> None:
    """Make the corpus a project of its own, as a checkout of other people's code would be.

    ``looplint check`` applies the ``.gitignore`` of the project root, the nearest folder with
    ``.git``; the repository's lists ``bench/corpus/``, which would exclude every file. An empty
    ``.git`` folder makes the corpus its own root, and its pyproject.toml its configuration.
    """
    (root / ".git").mkdir(exist_ok=True)
    (root / "pyproject.toml").write_text(CORPUS_PYPROJECT, encoding="utf-8")


def _stdlib_root() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])


def _copy_stdlib(destination: Path) -> None:
    """Copy the stdlib's ``.py`` files, minus installed packages and undecodable test files."""
    source_root = _stdlib_root()
    for path in sorted(source_root.rglob("*.py")):
        relative = path.relative_to(source_root)
        if "site-packages" in relative.parts or "dist-packages" in relative.parts:
            continue
        _write_if_decodable(path.read_bytes(), destination / relative)


def download_sdists(cache: Path, pins: tuple[tuple[str, str], ...]) -> list[Path]:
    """The sdist archives of ``pins``, fetched with pip into ``cache`` unless already there.

    Only the pinned packages are taken as sources (``--no-binary NAME``): their build
    requirements, which pip needs to read an sdist's metadata, may come as wheels (building
    those from source too takes minutes and proves nothing here).
    """
    cache.mkdir(parents=True, exist_ok=True)
    missing = [
        (name, version) for name, version in pins if _cached_archive(cache, name, version) is None
    ]
    for name, version in missing:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                name,
                "--dest",
                str(cache),
                f"{name}=={version}",
            ],
            check=True,
        )
    archives = [_cached_archive(cache, name, version) for name, version in pins]
    absent = [pin for pin, archive in zip(pins, archives, strict=True) if archive is None]
    if absent:
        raise RuntimeError(f"pip did not leave these sdists in {cache}: {absent}")
    return [archive for archive in archives if archive is not None]


def _cached_archive(cache: Path, name: str, version: str) -> Path | None:
    """The sdist of ``name`` ``version`` in ``cache``, however its file name spells the name
    (``nest_asyncio-1.6.0.tar.gz`` for ``nest-asyncio``, ``Pyrogram-…`` for ``pyrogram``)."""
    for path in sorted(cache.glob("*.tar.gz")):
        distribution, _, found_version = path.name.removesuffix(".tar.gz").rpartition("-")
        if found_version == version and _normalized(distribution) == _normalized(name):
            return path
    return None


def _normalized(name: str) -> str:
    """A distribution name as PEP 503 compares them (case, ``-``, ``_`` and ``.`` ignored)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def unpack_python_files(archive: Path, destination: Path) -> None:
    """Extract the ``.py`` members of an sdist, without its ``name-version/`` top folder."""
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            parts = PurePosixPath(member.name).parts[1:]
            if not member.isfile() or not member.name.endswith(".py") or ".." in parts:
                continue
            stream = tar.extractfile(member)
            if stream is not None:
                _write_if_decodable(stream.read(), destination.joinpath(*parts))


def _write_if_decodable(content: bytes, destination: Path) -> None:
    """Keep a file only if Python can decode it: a few stdlib tests are deliberately undecodable."""
    try:
        encoding, _ = tokenize.detect_encoding(iter(content.splitlines(keepends=True)).__next__)
        content.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(content)
