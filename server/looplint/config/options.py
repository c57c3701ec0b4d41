"""The settings looplint understands, and their validation.

The same table shape comes from two places: ``[tool.looplint]`` in pyproject.toml (kebab-case
keys, ``extend-exclude``) and editor settings (camelCase keys, ``extendExclude``). Both are
checked here so a typo is reported, never silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from looplint.config.errors import ConfigError
from looplint.config.selection import matching_codes, select_rules
from looplint.engine import RULES, RuleSettings, Severity
from looplint.engine.settings import DEFAULT_MAX_FILE_SIZE


@dataclass(frozen=True)
class Options:
    """Validated settings. Empty values mean "not set", so layers can be merged."""

    select: tuple[str, ...] | None = None
    """Rule codes or prefixes to enable (``"ALL"`` for every rule); ``None``: every rule but the
    opt-in style hints (LOOP402)."""
    ignore: tuple[str, ...] = ()
    """Rule codes or prefixes to disable; wins over ``select``."""
    severity: Mapping[str, Severity] = field(default_factory=dict)
    """Severity per rule code, replacing the rule's default."""
    exclude: tuple[str, ...] = ()
    """gitignore-style patterns of paths to skip; replaces the built-in list when set."""
    extend_exclude: tuple[str, ...] = ()
    """gitignore-style patterns skipped on top of ``exclude`` (or the built-in list)."""
    extend_loop_starters: tuple[str, ...] = ()
    """Qualified names of the project's own functions that start an event loop."""
    max_file_size_mb: float | None = None
    """Files larger than this many megabytes are not analyzed (and said so); ``None``: 2."""
    cache_dir: Path | None = None
    """Where the persistent cache lives; ``None``: ``.looplint_cache`` in the project root.
    Relative to the folder of the file that sets it (``load_pyproject`` resolves it)."""

    def merged_over(self, base: Options) -> Options:
        """These options layered over ``base``: settings given here win.

        ``select``, ``ignore`` and ``exclude`` are replaced as a whole, ``severity`` is merged per
        rule code, and the ``extend_*`` lists add to each other (that is what "extend" promises).
        """
        return Options(
            select=self.select if self.select is not None else base.select,
            ignore=self.ignore or base.ignore,
            severity={**base.severity, **self.severity},
            exclude=self.exclude or base.exclude,
            extend_exclude=_concatenated(base.extend_exclude, self.extend_exclude),
            extend_loop_starters=_concatenated(
                base.extend_loop_starters, self.extend_loop_starters
            ),
            max_file_size_mb=(
                self.max_file_size_mb
                if self.max_file_size_mb is not None
                else base.max_file_size_mb
            ),
            cache_dir=self.cache_dir or base.cache_dir,
        )

    def rule_settings(self) -> RuleSettings:
        """The engine's view of these options."""
        return RuleSettings(
            enabled=select_rules(self.select, self.ignore),
            severities=dict(self.severity),
            extra_loop_starters=frozenset(self.extend_loop_starters),
            max_file_size=(
                DEFAULT_MAX_FILE_SIZE
                if self.max_file_size_mb is None
                else int(self.max_file_size_mb * 1_000_000)
            ),
        )


def parse_options(table: Mapping[str, object], *, origin: str, separator: str = " ") -> Options:
    """Validate a settings table (kebab-case or camelCase keys) into ``Options``.

    ``origin`` names where the table came from, e.g. ``"/p/pyproject.toml: [tool.looplint]"``;
    it and ``separator`` start every error message before the key, so editor settings can be
    named as the user writes them (``looplint.select``). Raises ``ConfigError`` on an unknown
    key or a bad value.
    """
    if not isinstance(table, Mapping):
        raise ConfigError(f"{origin}: expected a table of settings, got {_shown(table)}")
    values: dict[str, object] = {}
    for key, value in table.items():
        name = _FIELD_BY_KEY.get(key)
        where = f"{origin}{separator}{key}"
        if name is None:
            known = ", ".join(name.replace("_", "-") for name in _VALIDATORS)
            raise ConfigError(f"{where}: unknown setting (known settings: {known})")
        values[name] = _VALIDATORS[name](value, where)
    return Options(**values)  # type: ignore[arg-type]


def _selectors(value: object, where: str) -> tuple[str, ...]:
    selectors = _strings(value, where)
    for selector in selectors:
        if not matching_codes(selector):
            raise ConfigError(f"{where}: unknown rule code or prefix {selector!r}")
    return selectors


def _severities(value: object, where: str) -> dict[str, Severity]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: expected a table of rule code = severity, got {_shown(value)}")
    levels = {severity.value: severity for severity in Severity}
    severities: dict[str, Severity] = {}
    for code, level in value.items():
        if code not in RULES:
            raise ConfigError(f"{where}.{code}: unknown rule code {code!r}")
        if level not in levels:
            expected = ", ".join(levels)
            raise ConfigError(f"{where}.{code}: expected one of {expected}, got {_shown(level)}")
        severities[code] = levels[level]
    return severities


def _qualified_names(value: object, where: str) -> tuple[str, ...]:
    names = _strings(value, where)
    for name in names:
        parts = name.split(".")
        if len(parts) < 2 or not all(part.isidentifier() for part in parts):
            raise ConfigError(
                f"{where}: expected a qualified name like 'package.module.function', got {name!r}"
            )
    return names


def megabytes(value: object, where: str) -> float:
    """A positive number of megabytes (a size limit)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigError(f"{where}: expected a positive number of megabytes, got {_shown(value)}")
    return float(value)


def folder_path(value: object, where: str) -> Path:
    """A folder's path (``~`` is the home folder); it need not exist yet."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: expected the path of a folder, got {_shown(value)}")
    return Path(value).expanduser()


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: expected a list of strings, got {_shown(value)}")
    return tuple(value)


def _shown(value: object) -> str:
    """A value as it appears in an error message: short, and on one line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _concatenated(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(first + second))


def _camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


_VALIDATORS: dict[str, Callable[[object, str], object]] = {
    "select": _selectors,
    "ignore": _selectors,
    "severity": _severities,
    "exclude": _strings,
    "extend_exclude": _strings,
    "extend_loop_starters": _qualified_names,
    "max_file_size_mb": megabytes,
    "cache_dir": folder_path,
}
# Each field is spelled kebab-case in pyproject.toml and camelCase in editor settings.
_FIELD_BY_KEY = {
    key: name for name in _VALIDATORS for key in (name.replace("_", "-"), _camel_case(name))
}
