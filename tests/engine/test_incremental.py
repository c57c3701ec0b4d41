"""Analyzing an edited module again reuses what the edit left alone, and gives exactly what a
fresh analysis of the new text gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from looplint.engine.analysis import analyze_module
from looplint.engine.incremental import IncrementalAnalysis, Reuse
from looplint.engine.module_pass import ModuleResult
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings

MODULE = '''\
"""A service with two handlers and a sync helper."""
import asyncio


async def fetch(name):
    return {"name": name}


def load(name):
    return asyncio.run(fetch(name))


async def first_handler():
    config = load("a")
    return config


# handlers below run on the loop


class Handlers:
    async def second(self):
        asyncio.run(fetch("b"))

    def helper(self):
        return 1
'''
ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted(
    [*ROOT.glob("examples/*.py"), *(ROOT / "tests/engine/programs").glob("*.py")],
    key=lambda path: path.name,
)


def same_as_fresh(analysis: IncrementalAnalysis, text: str) -> ModuleResult:
    """The incremental result, checked against a fresh analysis of the same text."""
    result = analysis.analyze(text, module_name="service")
    fresh = analyze_module(text, module_name="service")
    assert result == fresh
    return result


def analyzed(text: str = MODULE) -> IncrementalAnalysis:
    analysis = IncrementalAnalysis()
    same_as_fresh(analysis, text)
    assert analysis.reuse is Reuse.NOTHING
    return analysis


def test_the_same_text_again_reuses_everything() -> None:
    analysis = analyzed()
    same_as_fresh(analysis, MODULE)
    assert analysis.reuse is Reuse.SAME_TEXT


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(("\n\n# handlers below", "\n    \n# handlers below"), id="blank line"),
        pytest.param(("# handlers below run", "# handlers below all run"), id="comment"),
    ],
)
def test_blank_and_comment_lines_between_statements_reuse_everything(
    edit: tuple[str, str],
) -> None:
    analysis = analyzed()
    same_as_fresh(analysis, MODULE.replace(*edit))
    assert analysis.reuse is Reuse.BLANK_OR_COMMENT_LINES


def test_an_edit_in_a_function_body_analyzes_only_that_function() -> None:
    analysis = analyzed()
    result = same_as_fresh(analysis, MODULE.replace("config = load", "settings = load"))
    assert analysis.reuse is Reuse.OTHER_STATEMENTS
    assert [finding.code for finding in result.findings] == ["LOOP201", "LOOP101"]


def test_a_finding_added_in_a_method_body_appears() -> None:
    analysis = analyzed()
    edited = MODULE.replace('asyncio.run(fetch("b"))', 'asyncio.run(fetch("b")); asyncio.run(g())')
    result = same_as_fresh(analysis, edited)
    assert analysis.reuse is Reuse.OTHER_STATEMENTS
    assert [finding.code for finding in result.findings] == ["LOOP201", "LOOP101", "LOOP101"]


def test_a_method_that_starts_to_start_a_loop_reanalyzes_the_module() -> None:
    analysis = analyzed()
    same_as_fresh(analysis, MODULE.replace("return 1\n", "return asyncio.run(fetch('c'))\n"))
    assert analysis.reuse is Reuse.NOTHING


def test_a_helper_that_stops_starting_a_loop_reanalyzes_its_callers() -> None:
    analysis = analyzed()
    result = same_as_fresh(analysis, MODULE.replace("asyncio.run(fetch(name))", "fetch(name)   "))
    assert analysis.reuse is Reuse.NOTHING
    assert "LOOP201" not in [finding.code for finding in result.findings]


ATTRIBUTES = """\
import asyncio


class Fetcher:
    def fetch(self):
        return asyncio.run(download())


class Quiet:
    def fetch(self):
        return {}


class Service:
    def __init__(self):
        self.fetcher = Fetcher()


class App:
    def __init__(self, service: Service):
        self.service = service

    async def handle(self):
        return self.service.fetcher.fetch()
"""


def test_a_class_whose_attribute_changes_class_reanalyzes_the_module() -> None:
    """Other classes reach methods through its attributes (``self.service.fetcher.fetch()``)."""
    analysis = analyzed(ATTRIBUTES)
    result = same_as_fresh(analysis, ATTRIBUTES.replace("= Fetcher()", "= Quiet()"))
    assert analysis.reuse is Reuse.NOTHING
    assert result.findings == []


def test_a_class_edit_that_keeps_its_attributes_classes_reuses_the_rest() -> None:
    analysis = analyzed(ATTRIBUTES)
    edited = ATTRIBUTES.replace("def __init__(self):", "def __init__(this):").replace(
        "self.fetcher =", "this.fetcher ="
    )
    result = same_as_fresh(analysis, edited)
    assert analysis.reuse is Reuse.OTHER_STATEMENTS
    assert [finding.code for finding in result.findings] == ["LOOP201"]


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(("def load(name):", "def load(key):  "), id="a def's header"),
        pytest.param(("import asyncio\n", "import asyncic\n"), id="an import"),
        pytest.param(("    return config\n", "    return config\n\n"), id="a new line"),
        pytest.param(("    return config\n", "    return config)\n"), id="a syntax error"),
        pytest.param(("    return config\n", "    global x\n"), id="a global statement"),
    ],
)
def test_other_edits_analyze_the_whole_module(edit: tuple[str, str]) -> None:
    analysis = analyzed()
    same_as_fresh(analysis, MODULE.replace(*edit))
    assert analysis.reuse is Reuse.NOTHING


def test_other_settings_analyze_the_whole_module() -> None:
    analysis = analyzed()
    quieter = RuleSettings(enabled=frozenset(DEFAULT_SETTINGS.enabled - {"LOOP201"}))
    result = analysis.analyze(MODULE, quieter, module_name="service")
    assert analysis.reuse is Reuse.NOTHING
    assert [finding.code for finding in result.findings] == ["LOOP101"]


_INSERTIONS = [
    " ",
    "x",
    "#",
    "# noqa",
    "  # noqa: LOOP101",
    "asyncio.run(main()); ",
    "await ",
    "loop.run_until_complete(x)",
    "(",
    "'",
    "def ",
    "async ",
    "\n",
    "return load('z')",
]


# Endings that keep a line of code valid: most edits of a working program keep it working.
_ENDINGS = [" ", "  # note", "  # noqa", "  # noqa: LOOP201", "  # noqa: LOOP101", "; pass"]


@st.composite
def edits(draw: st.DrawFn, text: str) -> str:
    """``text`` with one edit on one line: an insertion or a deletion anywhere, or a valid
    ending (a comment, a space, another statement)."""
    lines = text.split("\n")
    number = draw(st.integers(0, len(lines) - 1))
    line = lines[number]
    column = draw(st.integers(0, len(line)))
    kind = draw(st.sampled_from(["delete", "insert", "ending"]))
    if kind == "delete" and line:
        width = draw(st.integers(1, max(1, len(line) - column)))
        lines[number] = line[:column] + line[column + width :]
    elif kind == "ending" and line.strip() and not line.rstrip().endswith(":"):
        lines[number] = line + draw(st.sampled_from(_ENDINGS))
    else:
        lines[number] = line[:column] + draw(st.sampled_from(_INSERTIONS)) + line[column:]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), program=st.sampled_from(PROGRAMS), steps=st.integers(1, 4))
def test_random_edits_give_what_a_fresh_analysis_gives(
    data: st.DataObject, program: Path, steps: int
) -> None:
    text = program.read_text(encoding="utf-8")
    analysis = IncrementalAnalysis()
    same_as_fresh(analysis, text)
    for _ in range(steps):
        text = data.draw(edits(text))
        same_as_fresh(analysis, text)


def test_an_edit_over_the_size_limit_is_refused_like_a_fresh_analysis() -> None:
    limited = RuleSettings(max_file_size=len(MODULE) + 10)
    analysis = IncrementalAnalysis()
    analysis.analyze(MODULE, limited, module_name="service")
    edited = MODULE.replace("config = load", "config = load" + " " * 100)
    result = analysis.analyze(edited, limited, module_name="service")
    assert result == analyze_module(edited, limited, module_name="service")
    assert result.findings == []
    assert [region.lines for region in result.skipped] == [None]
