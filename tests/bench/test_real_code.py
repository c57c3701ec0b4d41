"""``make real-code`` works: its script, run for real on a tiny package, lists every finding that
is not a hint with its verdict, and fails while a finding is unjudged or judged false."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "real_code.py"

MODULE = """\
import asyncio


async def handler():
    asyncio.run(fetch())
    return asyncio.get_event_loop()
"""
KEY = "shop/shop/handlers.py:5 LOOP101"


def run_real_code(tmp_path: Path, verdicts: str) -> tuple[int, str]:
    package = tmp_path / "packages" / "shop"
    (package / "shop").mkdir(parents=True)
    (package / "shop" / "handlers.py").write_text(MODULE, encoding="utf-8")
    (tmp_path / "verdicts.toml").write_text(verdicts, encoding="utf-8")
    report = tmp_path / "REAL_CODE.md"
    completed = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--no-download",
            "--root",
            str(tmp_path / "packages"),
            "--report",
            str(report),
            "--verdicts",
            str(tmp_path / "verdicts.toml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    return completed.returncode, report.read_text(encoding="utf-8")


def test_a_judged_true_finding_is_listed_with_its_verdict(tmp_path: Path) -> None:
    status, report = run_real_code(tmp_path, f'"{KEY}" = "true: raises at run time"\n')
    assert status == 0
    assert "| shop | local | 1 | 6 |" in report
    assert f"- `{KEY.replace(' ', '` ')} (error, safe fix) — true: raises at run time" in report
    assert "1 findings: 1 true, 0 false, 0 not judged yet." in report


def test_an_unjudged_finding_fails_the_run(tmp_path: Path) -> None:
    status, report = run_real_code(tmp_path, "")
    assert status == 1
    assert "**not judged yet**" in report


def test_a_false_finding_fails_the_run(tmp_path: Path) -> None:
    status, _ = run_real_code(tmp_path, f'"{KEY}" = "false: it does not raise"\n')
    assert status == 1
