"""Options layer (command line or editor over pyproject.toml) and become engine settings."""

from looplint.config import Options
from looplint.engine import DEFAULT_SELECTION, RULES, Severity

PYPROJECT = Options(
    select=("LOOP1",),
    ignore=("LOOP102",),
    severity={"LOOP101": Severity.WARNING, "LOOP103": Severity.HINT},
    exclude=("legacy",),
    extend_exclude=("gen/",),
    extend_loop_starters=("shop.run",),
)


def test_unset_options_keep_the_base() -> None:
    assert Options().merged_over(PYPROJECT) == PYPROJECT


def test_set_lists_replace_the_base() -> None:
    merged = Options(select=("LOOP4",), ignore=("LOOP403",), exclude=("x",)).merged_over(PYPROJECT)
    assert (merged.select, merged.ignore, merged.exclude) == (("LOOP4",), ("LOOP403",), ("x",))


def test_severities_merge_per_rule() -> None:
    merged = Options(severity={"LOOP101": Severity.ERROR}).merged_over(PYPROJECT)
    assert merged.severity == {"LOOP101": Severity.ERROR, "LOOP103": Severity.HINT}


def test_extend_lists_add_up() -> None:
    merged = Options(extend_exclude=("tmp/", "gen/"), extend_loop_starters=("app.go",)).merged_over(
        PYPROJECT
    )
    assert merged.extend_exclude == ("gen/", "tmp/")
    assert merged.extend_loop_starters == ("shop.run", "app.go")


def test_rule_settings() -> None:
    settings = PYPROJECT.rule_settings()
    assert settings.enabled == {code for code in RULES if code.startswith("LOOP1")} - {"LOOP102"}
    assert settings.severities == {"LOOP101": Severity.WARNING, "LOOP103": Severity.HINT}
    assert settings.extra_loop_starters == {"shop.run"}


def test_default_options_enable_every_rule_but_the_opt_in_hints() -> None:
    assert Options().rule_settings().enabled == DEFAULT_SELECTION == frozenset(RULES) - {"LOOP402"}
