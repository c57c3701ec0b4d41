"""parse_options validates a settings table; every mistake is a ConfigError naming the setting."""

from pathlib import Path

import pytest
from looplint.config import ConfigError, Options, parse_options
from looplint.engine import Severity

ORIGIN = "pyproject.toml: [tool.looplint]"


def test_every_setting_in_kebab_case() -> None:
    options = parse_options(
        {
            "select": ["LOOP1", "LOOP401"],
            "ignore": ["LOOP102"],
            "severity": {"LOOP101": "warning"},
            "exclude": ["legacy"],
            "extend-exclude": ["gen/"],
            "extend-loop-starters": ["shop.utils.run_sync"],
            "max-file-size-mb": 3,
            "cache-dir": ".cache/looplint",
        },
        origin=ORIGIN,
    )
    assert options == Options(
        select=("LOOP1", "LOOP401"),
        ignore=("LOOP102",),
        severity={"LOOP101": Severity.WARNING},
        exclude=("legacy",),
        extend_exclude=("gen/",),
        extend_loop_starters=("shop.utils.run_sync",),
        max_file_size_mb=3.0,
        cache_dir=Path(".cache/looplint"),
    )


def test_editor_settings_in_camel_case() -> None:
    options = parse_options(
        {"extendExclude": ["gen/"], "extendLoopStarters": ["shop.run"]}, origin="settings"
    )
    assert (options.extend_exclude, options.extend_loop_starters) == (("gen/",), ("shop.run",))


def test_empty_table_is_the_defaults() -> None:
    assert parse_options({}, origin=ORIGIN) == Options()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"selct": []}, f"{ORIGIN} selct: unknown setting (known settings: select, ignore, "),
        ({"select": "LOOP1"}, f"{ORIGIN} select: expected a list of strings, got 'LOOP1'"),
        ({"ignore": [101]}, f"{ORIGIN} ignore: expected a list of strings, got [101]"),
        ({"select": ["LOOP9"]}, f"{ORIGIN} select: unknown rule code or prefix 'LOOP9'"),
        ({"severity": ["LOOP101"]}, f"{ORIGIN} severity: expected a table of rule code = "),
        ({"severity": {"LOOP1": "hint"}}, f"{ORIGIN} severity.LOOP1: unknown rule code 'LOOP1'"),
        (
            {"severity": {"LOOP102": "loud"}},
            f"{ORIGIN} severity.LOOP102: expected one of error, warning, information, hint, "
            "got 'loud'",
        ),
        ({"exclude": "build"}, f"{ORIGIN} exclude: expected a list of strings, got 'build'"),
        (
            {"extend-loop-starters": ["shop.2fast.run"]},
            f"{ORIGIN} extend-loop-starters: expected a qualified name like "
            "'package.module.function', got 'shop.2fast.run'",
        ),
        ({"cache-dir": ""}, f"{ORIGIN} cache-dir: expected the path of a folder, got ''"),
        ({"cache-dir": 3}, f"{ORIGIN} cache-dir: expected the path of a folder, got 3"),
        ({"cache-dir": ["a"]}, f"{ORIGIN} cache-dir: expected the path of a folder, got ['a']"),
    ],
)
def test_mistakes_are_one_line_errors(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_options(table, origin=ORIGIN)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_a_table_is_required() -> None:
    with pytest.raises(ConfigError, match=r"^settings: expected a table of settings, got \[\]$"):
        parse_options([], origin="settings")  # type: ignore[arg-type]


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(ConfigError) as raised:
        parse_options({"select": "x" * 500}, origin=ORIGIN)
    assert str(raised.value) == f"{ORIGIN} select: expected a list of strings, got '{'x' * 56}..."


def test_the_size_limit_in_megabytes() -> None:
    options = parse_options({"max-file-size-mb": 5}, origin=ORIGIN)
    assert options.rule_settings().max_file_size == 5_000_000
    assert parse_options({"maxFileSizeMb": 0.5}, origin="settings").max_file_size_mb == 0.5
    assert Options().rule_settings().max_file_size == 2_000_000


@pytest.mark.parametrize("value", [0, -1, "2MB", True])
def test_a_size_limit_must_be_a_positive_number(value: object) -> None:
    with pytest.raises(ConfigError, match="max-file-size-mb: expected a positive number"):
        parse_options({"max-file-size-mb": value}, origin=ORIGIN)


def test_a_layer_keeps_the_size_limit_it_does_not_set() -> None:
    base = Options(max_file_size_mb=4)
    assert Options().merged_over(base).max_file_size_mb == 4
    assert Options(max_file_size_mb=1).merged_over(base).max_file_size_mb == 1


def test_the_cache_folder_may_start_at_the_home_folder() -> None:
    options = parse_options({"cache-dir": "~/caches/looplint"}, origin=ORIGIN)
    assert options.cache_dir == Path.home() / "caches" / "looplint"


def test_a_layer_keeps_the_cache_folder_it_does_not_set() -> None:
    base = Options(cache_dir=Path("/project/.cache"))
    assert Options().merged_over(base).cache_dir == Path("/project/.cache")
    assert Options(cache_dir=Path("/elsewhere")).merged_over(base).cache_dir == Path("/elsewhere")
