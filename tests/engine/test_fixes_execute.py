"""Fixes proven by running them: each program fails the way the rule documents, and once the
engine's fix is applied it runs cleanly and prints what it was meant to, on every installed
CPython (3.10+, from pyenv, plus the one running the tests).

Programs that import a library (asgiref, anyio: the test extras) run on the Python running the
tests only; a case without a fix only proves that the original fails as the rule documents.

The programs live in ``programs/``; each holds one mistake and a ``__main__`` block that drives it.
Notebooks there run under ``programs/notebook_kernel.py``, which executes code cells the way a
Jupyter kernel does: inside a running event loop, with top-level ``await``. Safe fixes are applied
the way ``looplint check --fix`` does (``fix_source``/``fix_notebook``), choices the way an editor
applies a code action (the edits of the one fix of that kind).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from analyzed import EVERY_RULE
from interpreters import INTERPRETERS, Interpreter
from looplint.engine import (
    Edit,
    Finding,
    FixKind,
    analyze,
    analyze_notebook,
    apply_edits,
    fix_notebook,
    fix_source,
)

PROGRAMS = Path(__file__).with_name("programs")
NOTEBOOK_KERNEL = PROGRAMS / "notebook_kernel.py"
HANGS = "hangs"  # the original never finishes: a deadlock
HANG_PROBE_SECONDS = 2
RUN_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Case:
    program: str  # file name in programs/: a .py program or an .ipynb notebook
    code: str  # the rule whose fix is applied
    fix: FixKind | None  # None: the finding has no fix that runs; the original must still fail
    safe: bool
    fails_with: str | None  # last traceback line of the original, HANGS, or None: it works too
    prints: str  # the fixed program's output
    since: tuple[int, int] = (3, 10)  # first Python with the API the program uses
    # Libraries the program imports: it runs on the Python running the tests, whose
    # environment has them (the test extras), not on pyenv's bare interpreters.
    needs: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.program.removesuffix(".py")


ASYNCIO_RUN_ERROR = "RuntimeError: asyncio.run() cannot be called from a running event loop"
ALREADY_RUNNING = "RuntimeError: This event loop is already running"
ANOTHER_LOOP_RUNNING = "RuntimeError: Cannot run the event loop while another loop is running"
ASYNC_TO_SYNC_ERROR = (
    "RuntimeError: You cannot use AsyncToSync in the same thread as an async event loop - just"
    " await the async function directly."
)

CASES = (
    Case(
        "asyncio_run_in_handler.py",
        "LOOP101",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="hello, ada\nhello, grace\n",
    ),
    Case(
        "fullwidth_asyncio_run.py",
        "LOOP101",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="hello, ada\n",
    ),
    Case(
        "awaited_asyncio_run.py",
        "LOOP101",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="hello, user3\n",
    ),
    Case(
        "runner_run_in_coroutine.py",
        "LOOP101",
        FixKind.AWAIT,
        safe=True,
        fails_with="RuntimeError: Runner.run() cannot be called from a running event loop",
        prints="total: 12\n",
        since=(3, 11),
    ),
    Case(
        "runner_context_manager.py",
        "LOOP101",
        FixKind.AWAIT,
        safe=True,
        fails_with=ANOTHER_LOOP_RUNNING,
        prints="['USERS', 'ORDERS']\n",
        since=(3, 11),
    ),
    Case(
        "run_until_complete_get_event_loop.py",
        "LOOP102",
        FixKind.AWAIT,
        safe=True,
        fails_with=ALREADY_RUNNING,
        prints="2 rows: users:1, users:2\n",
    ),
    Case(
        "run_until_complete_get_running_loop.py",
        "LOOP102",
        FixKind.AWAIT,
        safe=True,
        fails_with=ALREADY_RUNNING,
        prints="db: 0.25s\ncache: 1.5s\n",
    ),
    Case(
        "run_until_complete_new_event_loop.py",
        "LOOP102",
        FixKind.AWAIT,
        safe=True,
        fails_with=ANOTHER_LOOP_RUNNING,
        prints="report for march\n",
    ),
    Case(
        "result_used_further.py",
        "LOOP101",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="USER7 best=14 doubled=14\n",
    ),
    Case(
        "coroutine_function_to_thread.py",
        "LOOP106",
        FixKind.REPLACE,  # `await asyncio.to_thread(F, a)` → `await F(a)`: the await stays
        safe=True,
        fails_with="TypeError: 'coroutine' object is not subscriptable",
        prints="uploads/2024/report.csv: 3 parts\n",
    ),
    Case(
        "coroutine_function_to_executor.py",
        "LOOP106",
        FixKind.REPLACE,
        safe=True,
        fails_with="AttributeError: 'coroutine' object has no attribute 'upper'",
        prints="thumbnail 320X240\n",
    ),
    Case(
        "sync_wrapper_called_from_coroutine.py",
        "LOOP201",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="eu\nweb in us\n",
    ),
    Case(
        "threadsafe_result_on_own_loop.py",
        "LOOP105",
        FixKind.AWAIT,
        safe=True,
        fails_with=HANGS,
        prints="15.0\n",
    ),
    Case(
        "threadsafe_future_result.py",
        "LOOP105",
        FixKind.AWAIT,
        safe=True,
        fails_with=HANGS,
        prints="Lisbon: sunny\n",
    ),
    Case(
        "same_loop_future_result.py",
        "LOOP105",
        FixKind.AWAIT,
        safe=True,
        fails_with=HANGS,
        prints="70.7\n",
    ),
    Case(
        "partial_asyncio_run.py",
        "LOOP101",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="area 49\n",
    ),
    Case(
        "decorated_loop_starter.py",
        "LOOP201",
        FixKind.REPLACE,  # the choice: `await asyncio.to_thread(price, item)`
        safe=False,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="in a worker thread\ntea: 2.50\n",
    ),
    Case(
        "stored_async_to_sync.py",
        "LOOP104",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNC_TO_SYNC_ERROR,
        prints="user-1\nhello, user-2\n",
        needs=("asgiref",),
    ),
    Case(
        "async_to_sync_decorated.py",
        "LOOP104",
        None,
        safe=False,
        fails_with=ASYNC_TO_SYNC_ERROR,
        prints="",
        needs=("asgiref",),
    ),
    Case(
        "anyio_from_thread_on_loop.py",
        "LOOP104",
        FixKind.AWAIT,
        safe=True,
        fails_with=(
            "anyio._core._exceptions.NoEventLoopError: Not running inside an AnyIO worker thread,"
            " and no event loop token was provided"
        ),
        prints="OK\n",
        needs=("anyio",),
    ),
    Case(
        "get_event_loop_in_coroutine.py",
        "LOOP402",
        FixKind.REPLACE,
        safe=True,
        fails_with=None,
        prints="ready\n",
    ),
    Case(
        "notebook_cells.ipynb",
        "LOOP301",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="sdist: 48\nwheel: 39\n",
    ),
    Case(
        "notebook_for_loop.ipynb",
        "LOOP301",
        FixKind.GATHER,
        safe=False,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="['sdist', 'vsix', 'wheel']\n",
    ),
    Case(
        "consecutive_runs.py",
        "LOOP101",
        FixKind.GATHER,
        safe=False,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="users=5 orders=6\n",
    ),
    Case(
        "runs_in_a_for_loop.py",
        "LOOP101",
        FixKind.GATHER,
        safe=False,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="notified ['ada', 'alan', 'grace']\n",
    ),
    Case(
        "unused_result.py",
        "LOOP101",
        FixKind.CREATE_TASK,
        safe=False,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="handling request\nrecorded request\ndone\n",
    ),
    Case(
        "run_in_generator_expression.py",
        "LOOP101",
        FixKind.LIST_COMPREHENSION,
        safe=False,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="110\n",
    ),
    Case(
        "thin_wrapper_keywords_and_defaults.py",
        "LOOP201",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="cli: 2.00 EUR x1\nada: 100.00 EUR x2\nada: 20.00 USD x1\n",
    ),
    Case(
        "method_wrapper_called_from_coroutine.py",
        "LOOP201",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="teal\nteal/medium\n",
    ),
    Case(
        "instance_attribute_starter.py",
        "LOOP201",
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="<cli>\n<https://example.org/index>\n",
    ),
    Case(
        "instance_attribute_loop.py",
        "LOOP201",
        FixKind.AWAIT,
        safe=True,
        fails_with=ALREADY_RUNNING,
        prints="19 characters of sql\n",
    ),
    Case(
        "guard_that_does_not_guard.py",
        "LOOP101",  # the `except RuntimeError:` fallback, reached from the loop
        FixKind.AWAIT,
        safe=True,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="contents of app.toml\n",
    ),
    Case(
        "helper_in_a_worker_thread.py",
        "LOOP201",
        FixKind.REPLACE,  # the choice: `await asyncio.to_thread(thumbnail, ...)`
        safe=False,
        fails_with=ASYNCIO_RUN_ERROR,
        prints="in a worker thread\ncat.png@128\n",
    ),
)


def _runs(cases: Iterable[Case] = CASES) -> list[object]:
    """Every case on every interpreter that has the API (and the libraries) its program uses."""
    return [
        pytest.param(case, interpreter, id=f"{case}-{interpreter}")
        for case in cases
        for interpreter in INTERPRETERS
        if interpreter.version >= case.since
        and (not case.needs or interpreter.path == sys.executable)
    ]


FIXED = tuple(case for case in CASES if case.fix is not None)


def _run(
    interpreter: Interpreter, program: Path, timeout: float
) -> subprocess.CompletedProcess[str]:
    command = [interpreter.path, "-I", str(program)]
    if program.suffix == ".ipynb":
        command.insert(2, str(NOTEBOOK_KERNEL))
    return subprocess.run(
        command, capture_output=True, text=True, cwd=program.parent, timeout=timeout, check=False
    )


def _is_notebook(case: Case) -> bool:
    return case.program.endswith(".ipynb")


def _cells(notebook_text: str) -> list[str | None]:
    """A notebook's cells as the engine takes them: code cells' source, ``None`` for the others."""
    cells = json.loads(notebook_text)["cells"]
    return ["".join(c["source"]) if c["cell_type"] == "code" else None for c in cells]


def _with_cells(notebook_text: str, sources: Sequence[str | None]) -> str:
    notebook = json.loads(notebook_text)
    for cell, source in zip(notebook["cells"], sources, strict=True):
        if source is not None:
            cell["source"] = source.splitlines(keepends=True)
    return json.dumps(notebook, indent=1) + "\n"


def _code(case: Case, text: str) -> list[str]:
    """The Python source of a program: the file, or a notebook's code cells."""
    if _is_notebook(case):
        return [source for source in _cells(text) if source is not None]
    return [text]


def _findings(case: Case, text: str) -> list[Finding]:
    if _is_notebook(case):
        return analyze_notebook(_cells(text), EVERY_RULE)
    return analyze(text, EVERY_RULE)


def _apply(case: Case, text: str, edits: Iterable[Edit]) -> str:
    if not _is_notebook(case):
        return apply_edits(text, edits)
    cells = _cells(text)
    by_cell: dict[int, list[Edit]] = {}
    for edit in edits:
        assert edit.cell is not None
        by_cell.setdefault(edit.cell, []).append(edit)
    for index, cell_edits in by_cell.items():
        source = cells[index]
        assert source is not None
        cells[index] = apply_edits(source, cell_edits)
    return _with_cells(text, cells)


def _fix_all(case: Case, text: str) -> str:
    if _is_notebook(case):
        return _with_cells(text, fix_notebook(_cells(text), EVERY_RULE).cells)
    return fix_source(text, EVERY_RULE).source


@cache
def _fixed_source(case: Case) -> str:
    """The program after the engine's fix of ``case.fix`` kind for ``case.code``."""
    source = (PROGRAMS / case.program).read_text(encoding="utf-8")
    findings = [finding for finding in _findings(case, source) if finding.code == case.code]
    assert findings, f"the engine reports no {case.code} in {case.program}"
    if case.safe:
        preferred = findings[0].safe_fix
        assert preferred is not None and preferred.kind is case.fix, findings[0].fixes
        return _fix_all(case, source)
    fix = next((fix for finding in findings for fix in finding.fixes if fix.kind is case.fix), None)
    assert fix is not None, f"no {case.fix} fix offered: {findings[0].fixes}"
    assert not fix.safe
    return _apply(case, source, fix.edits)


def test_the_running_python_is_among_the_interpreters_used() -> None:
    running = sys.version_info[:2]
    assert running in [interpreter.version for interpreter in INTERPRETERS]


@pytest.mark.parametrize(("case", "interpreter"), _runs())
def test_original_program_fails_as_the_rule_documents(case: Case, interpreter: Interpreter) -> None:
    program = PROGRAMS / case.program
    if case.fails_with == HANGS:
        with pytest.raises(subprocess.TimeoutExpired):
            _run(interpreter, program, timeout=HANG_PROBE_SECONDS)
        return
    completed = _run(interpreter, program, timeout=RUN_TIMEOUT_SECONDS)
    if case.fails_with is None:
        assert (completed.returncode, completed.stdout) == (0, case.prints), completed.stderr
    else:
        assert completed.returncode == 1
        assert f"\n{case.fails_with}\n" in completed.stderr, completed.stderr


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_engine_reports_the_rule_in_the_original(case: Case) -> None:
    source = (PROGRAMS / case.program).read_text(encoding="utf-8")
    assert case.code in [finding.code for finding in _findings(case, source)]


@pytest.mark.parametrize("case", FIXED, ids=str)
def test_fixed_program_parses_and_the_finding_is_gone(case: Case) -> None:
    fixed = _fixed_source(case)
    flags = ast.PyCF_ONLY_AST | (ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if _is_notebook(case) else 0)
    for source in _code(case, fixed):
        compile(source, case.program, "exec", flags=flags)
    assert case.code not in [finding.code for finding in _findings(case, fixed)], fixed


@pytest.mark.parametrize(("case", "interpreter"), _runs(FIXED))
def test_fixed_program_runs_cleanly_and_prints_the_expected_output(
    case: Case, interpreter: Interpreter, tmp_path: Path
) -> None:
    program = tmp_path / case.program
    program.write_text(_fixed_source(case), encoding="utf-8")
    completed = _run(interpreter, program, timeout=RUN_TIMEOUT_SECONDS)
    report = f"fixed program:\n{_fixed_source(case)}\nstderr:\n{completed.stderr}"
    assert (completed.returncode, completed.stderr) == (0, ""), report
    assert completed.stdout == case.prints, report
