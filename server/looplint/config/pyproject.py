"""Finding and reading the ``[tool.looplint]`` table of a project's pyproject.toml."""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from looplint.config.errors import ConfigError
from looplint.config.options import Options, parse_options

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT = "pyproject.toml"


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml, in ``start`` (a folder or a file's folder) or above, that
    configures looplint.

    A pyproject.toml without ``[tool.looplint]`` is passed over, as ruff does, so a
    subproject's packaging file does not hide the repository's settings. One that cannot be
    parsed counts when it mentions looplint, so that its error is reported, not ignored.
    """
    start = start.absolute()
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        found = pyproject_in(folder)
        if found is not None:
            return found
    return None


def pyproject_in(folder: Path) -> Path | None:
    """The pyproject.toml in ``folder`` itself, if it configures looplint (as above)."""
    candidate = folder / PYPROJECT
    try:
        status = candidate.stat()
    except OSError:
        return None
    if _configures_looplint(str(candidate), status.st_mtime_ns, status.st_size):
        return candidate
    return None


def load_pyproject(path: Path) -> Options:
    """The options in ``path``'s ``[tool.looplint]`` table (defaults when it has none), with
    ``cache-dir`` made absolute from the file's folder.

    Raises ``ConfigError`` when the file cannot be read, is not valid TOML, or holds bad settings.
    """
    document = _parse(path)
    tool = document.get("tool", {})
    table = tool.get("looplint", {}) if isinstance(tool, dict) else {}
    options = parse_options(table, origin=f"{path}: [tool.looplint]")
    if options.cache_dir is None:
        return options
    return replace(options, cache_dir=path.absolute().parent / options.cache_dir)


def _parse(path: Path) -> dict[str, object]:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text ({error.reason})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = str(error).replace("(at line", "(line")
        raise ConfigError(f"{path}: invalid TOML: {reason}") from None
    except RecursionError:  # the TOML parser recurses once per nested array or inline table
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


@lru_cache(maxsize=256)
def _configures_looplint(path: str, mtime_ns: int, size: int) -> bool:
    """Whether the file has a ``[tool.looplint]`` table; cached until the file changes."""
    try:
        document = _parse(Path(path))
    except ConfigError:
        try:
            return "looplint" in Path(path).read_text("utf-8", errors="replace")
        except OSError:
            return True
    tool = document.get("tool")
    return isinstance(tool, dict) and "looplint" in tool
