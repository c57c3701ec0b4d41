"""An analysis stops at its next checkpoint once its front end gives a reason, and only then."""

from __future__ import annotations

import threading

import pytest
from looplint.engine import DEFAULT_SETTINGS
from looplint.engine.analysis import analyze_module
from looplint.engine.interruption import AnalysisStopped, stop_when

PROGRAM = "import asyncio\n\n\n" + "".join(
    f"def helper_{n}():\n    asyncio.run(work())\n\n\n"
    f"async def caller_{n}():\n    helper_{n}()\n\n\n"
    for n in range(50)
)


def test_an_analysis_with_a_reason_to_stop_stops_with_that_reason() -> None:
    with (
        pytest.raises(AnalysisStopped, match="over its time limit"),
        stop_when(lambda: "over its time limit"),
    ):
        analyze_module(PROGRAM, DEFAULT_SETTINGS)


def test_an_analysis_stops_once_the_reason_appears() -> None:
    checks = 0

    def after_ten_checks() -> str | None:
        nonlocal checks
        checks += 1
        return "superseded" if checks > 10 else None

    with pytest.raises(AnalysisStopped), stop_when(after_ten_checks):
        analyze_module(PROGRAM, DEFAULT_SETTINGS)
    assert checks == 11


def test_an_analysis_without_a_reason_to_stop_runs_to_the_end() -> None:
    with stop_when(lambda: None):
        stopped_never = analyze_module(PROGRAM, DEFAULT_SETTINGS)

    assert [f.code for f in stopped_never.findings] == ["LOOP201"] * 50
    assert stopped_never.findings == analyze_module(PROGRAM, DEFAULT_SETTINGS).findings


def test_a_reason_given_on_one_thread_does_not_stop_another() -> None:
    results = []
    with stop_when(lambda: "only this thread"):
        other = threading.Thread(
            target=lambda: results.append(analyze_module(PROGRAM, DEFAULT_SETTINGS))
        )
        other.start()
        other.join()

    assert len(results[0].findings) == 50
