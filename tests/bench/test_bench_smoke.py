"""``make bench`` works: its script, run for real on a tiny generated corpus, writes the results.

Figures are not checked (timings are the benchmark's job, not a test's); what is checked is that
every measurement ran against the real engine, CLI and language server and made it into the
report.
"""

import re
import subprocess
import sys
from pathlib import Path

RUN_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "run.py"

# A coroutine that starts a loop (a finding, so code actions have something to fix) and a helper.
UNIT = '''\


async def handler_{index}(request):
    """Serve one request."""
    asyncio.run(fetch_{index}(request))
    return request


def helper_{index}(values):
    return [value * {index} for value in values]
'''


def write_module(path: Path, units: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(UNIT.format(index=index) for index in range(units))
    path.write_text("import asyncio\n" + body, encoding="utf-8")


def run_bench(corpus: Path, results: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(RUN_SCRIPT),
            "--corpus",
            str(corpus),
            "--no-download",
            "--results",
            str(results),
            "--repeat",
            "1",
            "--ruff-repeat",
            "1",
            "--latency-repeat",
            "2",
            "--sizes",
            "30,400",
            "--open-documents",
            "4",
            "--edits",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bench_measures_every_figure_on_a_small_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_module(corpus / "pkg" / "small.py", units=3)  # 31 lines: the ~30-line document
    for name in ("a", "b", "c", "d", "e"):
        write_module(corpus / "pkg" / f"{name}.py", units=10)  # joined into the ~400-line one
    results = tmp_path / "RESULTS.md"

    completed = run_bench(corpus, results)

    assert completed.returncode == 0, completed.stderr
    report = results.read_text(encoding="utf-8")
    assert "6 files, 536 lines" in report
    for figure in (
        "(a) read + `ast.parse`, one process",
        "(b) read + `looplint.engine.analyze`, one process",
        "(c) `looplint check --no-cache <corpus>`, default workers (wall)",
        "(c') `looplint check --no-cache <corpus> --ignore LOOP201`, default workers (wall)",
        "LOOP201 cost: (c) / (c')",
        "(d) peak memory of (b)",
        "| `pkg/` | 6 | 536 |",  # LOOP201 on and off on the corpus's one folder
        "`textDocument/codeAction` on the ~400 lines file",
        "server memory with 4 documents open and analyzed",
        "`pkg/` (6 files, 536 lines), the corpus folder with the most lines",
        "| push |",  # the edit to the helper reached its caller, pushed
        "| pull |",  # and pulled after a refresh
        "| `ruff check --select ASYNC --no-cache <corpus>` |",  # beside ruff
        "| cold: `looplint check --no-cache <corpus>` |",
        "| warm, nothing changed: `looplint check --cache-dir DIR <corpus>` |",
        "| warm, one module changed: the same |",
        "| peak memory: cold looplint / ruff |",
        "| one file: `looplint check --no-cache pkg/a.py` |",  # the first nearest 150 lines
    ):
        assert figure in report
    assert "Not measured" not in report
    assert re.search(r"\b[1-9][0-9]* actions offered", report)  # the code action request worked
    assert "`pkg/small.py`" in report
    assert "`pkg/a.py`" in report  # the large document is made of several modules
    assert sorted(path.name for path in corpus.rglob("*.py")) == [
        "a.py",
        "b.py",
        "c.py",
        "d.py",
        "e.py",
        "small.py",
    ]  # the helper and caller written for the edit measurement are gone


def test_bench_refuses_a_corpus_without_python_files(tmp_path: Path) -> None:
    completed = run_bench(tmp_path, tmp_path / "RESULTS.md")

    assert completed.returncode == 2
    assert "no .py files" in completed.stderr
    assert not (tmp_path / "RESULTS.md").exists()
