"""Properties over generated input: the engine never raises, every fix parses and removes
its finding, fix-all is complete and idempotent, and create_task fixes never leave a dangling
task. The modules come from ``generated_modules``."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import hypothesmith
from analyzed import RUF006_CHECK
from generated_modules import async_modules, compiles, damaged_modules
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from looplint.engine import Finding, FixKind, analyze, analyze_notebook, apply_edits, fix_source

FUZZ = os.environ.get("LOOPLINT_FUZZ") == "1"
"""``make fuzz`` runs the long versions."""
QUICK = settings(
    max_examples=2000 if FUZZ else 40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=500 if FUZZ else 15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@QUICK
@given(st.text())
def test_analyze_never_raises_on_any_text(text: str) -> None:
    analyze(text)
    fix_source(text)


@QUICK
@given(st.lists(st.one_of(st.none(), st.text()), max_size=4))
def test_analyze_notebook_never_raises_on_any_cells(cells: list[str | None]) -> None:
    analyze_notebook(cells)


@SLOW
@given(hypothesmith.from_grammar())
def test_analyze_never_raises_on_generated_python(source: str) -> None:
    analyze(source)
    fix_source(source)


@QUICK
@given(damaged_modules())
def test_analyze_never_raises_on_half_typed_modules(source: str) -> None:
    analyze(source)
    fix_source(source)


@QUICK
@given(async_modules())
def test_generated_modules_are_valid_python(source: str) -> None:
    assert compiles(source)


@QUICK
@given(async_modules())
def test_every_fix_result_parses(source: str) -> None:
    for finding in analyze(source):
        for fix in finding.fixes:
            result = apply_edits(source, fix.edits)
            assert compiles(result), f"{fix.title}\n{result}"


@QUICK
@given(async_modules())
def test_every_fix_removes_its_finding(source: str) -> None:
    before = Counter(signature(f) for f in analyze(source))
    for finding in analyze(source):
        for fix in finding.fixes:
            after = Counter(signature(f) for f in analyze(apply_edits(source, fix.edits)))
            assert after[signature(finding)] < before[signature(finding)], fix.title


def signature(finding: Finding) -> tuple[str, str]:
    """What identifies a finding across an edit that moves it."""
    return finding.code, finding.message


@QUICK
@given(async_modules())
def test_fix_all_leaves_no_finding_that_has_a_safe_fix(source: str) -> None:
    result = fix_source(source)
    assert compiles(result.source)
    assert [f for f in result.remaining if f.safe_fix is not None] == []
    assert result.remaining == analyze(result.source)


@QUICK
@given(async_modules())
def test_fix_all_is_idempotent(source: str) -> None:
    once = fix_source(source)
    twice = fix_source(once.source)
    assert twice.source == once.source
    assert twice.applied == 0


@QUICK
@given(async_modules())
def test_fix_all_keeps_the_line_endings(source: str) -> None:
    result = fix_source(source).source
    if "\r\n" in source:
        assert "\n" not in result.replace("\r\n", "")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(async_modules(), min_size=4, max_size=8))
def test_create_task_fixes_leave_no_dangling_task(sources: list[str]) -> None:
    results = [
        apply_edits(source, fix.edits)
        for source in sources
        for finding in analyze(source)
        for fix in finding.fixes
        if fix.kind is FixKind.CREATE_TASK
    ]
    with tempfile.TemporaryDirectory() as folder:
        for number, result in enumerate(results):
            Path(folder, f"fixed_{number}.py").write_text(result, newline="")
        ruff = subprocess.run(
            [
                *RUF006_CHECK,
                folder,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
