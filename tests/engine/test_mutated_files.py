"""Real files damaged as while typing (a slice cut out, another pasted elsewhere, a line
break of another kind put in): the engine never raises, and every fix it offers parses."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from generated_modules import compiles
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from looplint.engine import analyze, apply_edits, fix_source

FUZZ = os.environ.get("LOOPLINT_FUZZ") == "1"
"""``make fuzz`` runs the long version."""

REAL_FILES = sorted(Path(asyncio.__file__).parent.glob("*.py"))
JUNK = ["\f", "\r", "\r\n", "\x85", "\u2028", "asyncio.run(main())", "await ", "(", '"""', "\t"]


@st.composite
def damaged_files(draw: st.DrawFn) -> str:
    path = draw(st.sampled_from(REAL_FILES))
    event(f"file: {path.name}")
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 400)))
        where = draw(st.integers(0, len(text)))
        pasted = draw(st.sampled_from([*JUNK, text[start:end]]))
        text = text[:start] + text[end:] if draw(st.booleans()) else text
        where = min(where, len(text))
        text = text[:where] + pasted + text[where:]
    return text


@settings(
    max_examples=1000 if FUZZ else 15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(damaged_files())
def test_damaged_real_files_never_make_the_engine_raise(source: str) -> None:
    findings = analyze(source)
    event(f"findings: {len(findings)}")
    fix_source(source)
    for finding in findings:
        for fix in finding.fixes:
            assert compiles(apply_edits(source, fix.edits)) or not compiles(source), fix.title
