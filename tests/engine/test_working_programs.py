"""Working code is never flagged: each program in ``programs/working/`` runs cleanly on every
installed CPython (3.10+) and prints what it should, and looplint reports nothing in it — not
even with every rule selected, so no "safe" fix can ever break it.

Each program is a class of code that looks like a nested loop start but is not one (an object
that is not a loop, a decorator that changes what a function is, a loop in another thread, the
child of ``os.fork()``, a name rebound by some store): its docstring says which, and where in a
public package the engine used to get it wrong.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from analyzed import EVERY_RULE
from interpreters import INTERPRETERS, RUNNING, Interpreter
from looplint.engine import analyze

WORKING = Path(__file__).with_name("programs") / "working"
RUN_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Program:
    name: str  # file name in programs/working/
    prints: str
    third_party: bool = False  # imports a test dependency: runs only where it is installed

    def __str__(self) -> str:
        return self.name.removesuffix(".py")


PROGRAMS = (
    Program("helper_that_runs_in_a_thread_when_a_loop_runs.py", prints="fetched\n"),
    Program(
        "unknown_receivers_that_are_not_loops.py",
        prints="[1, 'forever', 'forever', 2, 'forever']\nscheduled scheduled 5\n",
    ),
    Program(
        "coroutine_function_made_sync_by_async_to_sync.py",
        prints="fetched in a worker thread\n",
        third_party=True,
    ),
    Program(
        "threadsafe_result_from_a_loop_in_another_thread.py",
        prints="done in the other thread\ndone in the other thread\n",
    ),
    Program(
        "loop_started_in_a_forked_child.py",
        prints=(
            "first child ran its own loop\nsecond child ran its own loop\n"
            "third child ran its own loop\nparent\n"
        ),
    ),
    Program(
        "names_rebound_by_every_binding_kind.py",
        prints=(
            "factory ran factory ran factory ran\nfactory ran factory ran failure ran\n"
            '["json ran"] factory ran\n'
        ),
    ),
    Program("asyncio_rebound_by_a_global_store.py", prints="factory ran\n"),
)


def _runs() -> list[object]:
    return [
        pytest.param(program, interpreter, id=f"{program}-{interpreter}")
        for program in PROGRAMS
        for interpreter in ([RUNNING] if program.third_party else INTERPRETERS)
    ]


def test_every_working_program_is_listed() -> None:
    assert sorted(p.name for p in PROGRAMS) == sorted(p.name for p in WORKING.glob("*.py"))


@pytest.mark.parametrize(("program", "interpreter"), _runs())
def test_the_program_runs_cleanly(program: Program, interpreter: Interpreter) -> None:
    completed = subprocess.run(
        [interpreter.path, "-I", str(WORKING / program.name)],
        capture_output=True,
        text=True,
        cwd=WORKING,
        timeout=RUN_TIMEOUT_SECONDS,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, ""), completed.stderr
    assert completed.stdout == program.prints


@pytest.mark.parametrize("program", PROGRAMS, ids=str)
def test_looplint_reports_nothing_in_it(program: Program) -> None:
    source = (WORKING / program.name).read_text(encoding="utf-8")
    assert analyze(source, EVERY_RULE) == []
