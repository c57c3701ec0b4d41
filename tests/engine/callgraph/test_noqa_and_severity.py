"""LOOP201 is a warning by default, configurable like any rule, and silenced by ``# noqa``."""

import pytest
from analyzed import applied, codes, findings, fix_of, only
from looplint.engine import RULES, FixKind, RuleSettings, Severity, analyze

HELPER = """
    import asyncio

    def load():
        return asyncio.run(fetch())

    async def handler():
        load(){comment}
    """


def with_comment(comment: str) -> str:
    return HELPER.format(comment=comment)


def test_the_rule_is_registered_as_a_warning() -> None:
    assert RULES["LOOP201"].default_severity is Severity.WARNING
    assert only(with_comment("")).severity is Severity.WARNING


@pytest.mark.parametrize("comment", ["  # noqa: LOOP201", "  # noqa", "  # noqa: E501,LOOP201"])
def test_noqa_for_loop201_silences_it(comment: str) -> None:
    assert codes(with_comment(comment)) == []


@pytest.mark.parametrize("comment", ["  # noqa: LOOP101", "  # noqa: LOOP2011"])
def test_noqa_for_other_codes_keeps_it(comment: str) -> None:
    assert codes(with_comment(comment)) == ["LOOP201"]


def test_noqa_on_the_helpers_loop_start_does_not_hide_the_call() -> None:
    source = """
        import asyncio

        def load():
            return asyncio.run(fetch())  # noqa: LOOP101

        async def handler():
            load()
        """
    assert codes(source) == ["LOOP201"]


def test_the_noqa_fix_silences_the_finding() -> None:
    source = with_comment("")
    fixed = applied(source, fix_of(only(source), FixKind.NOQA))
    assert fixed.splitlines()[-1] == "    load()  # noqa: LOOP201"
    assert analyze(fixed) == []


def test_configured_severity_applies() -> None:
    settings = RuleSettings(severities={"LOOP201": Severity.ERROR})
    [finding] = findings(with_comment(""), settings)
    assert finding.severity is Severity.ERROR
