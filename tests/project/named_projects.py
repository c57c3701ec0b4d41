"""Named projects, one per shape a project takes (hand-written, then the generator's example
shapes), each with the findings that are the truth: the runs listed fail with Python's own
``RuntimeError`` in exactly the file and line of each expected finding, and the other runs
finish cleanly."""

from __future__ import annotations

from dataclasses import dataclass, field

from .expected_findings import Expected, Run
from .generated_projects import (
    CALL_LINE,
    EXAMPLES,
    Shape,
    build,
    caller_module,
    described,
    tail_module,
)

LOAD_STARTS_A_LOOP = tail_module("load", "asyncio.run")
"""``load()`` calls ``asyncio.run()``."""
LOAD_GUARDED = tail_module("load", "guarded")
"""``load()`` starts a loop only when none is running."""
LOAD_PLAIN = tail_module("load", "plain")
LOAD_ASYNC = tail_module("load", "async")


def calls_load(imports: str, call: str = "load()") -> str:
    """A module whose coroutine ``handle()`` makes ``call`` on line ``CALL_LINE``."""
    return caller_module(imports, call)


@dataclass(frozen=True)
class NamedProject:
    name: str
    files: dict[str, str]
    runs: tuple[Run, ...]
    expected: tuple[Expected, ...] = field(default=())

    def __str__(self) -> str:
        return self.name


def _failing(
    name: str, files: dict[str, str], caller: str, arguments: tuple[str, ...], cwd: str = "."
) -> NamedProject:
    """A project whose one finding is the call of ``load()`` in ``caller``, proven by a run."""
    finding = Expected(caller, CALL_LINE)
    return NamedProject(name, files, (Run(arguments, cwd, finding),), (finding,))


IN_A_JOBS = Expected("a/jobs.py", CALL_LINE)
THREE_MODULES_DEEP = Expected("main.py", CALL_LINE, chain="handle → prepare → load → asyncio.run()")

HAND_WRITTEN = [
    _failing(
        "flat scripts",
        {
            "main.py": calls_load("import helpers\n", "helpers.load()"),
            "helpers.py": LOAD_STARTS_A_LOOP,
        },
        "main.py",
        ("main.py",),
    ),
    _failing(
        "regular package",
        {
            "app/__init__.py": "",
            "app/helpers.py": LOAD_STARTS_A_LOOP,
            "app/handlers.py": calls_load("from app.helpers import load\n"),
        },
        "app/handlers.py",
        ("-m", "app.handlers"),
    ),
    _failing(
        "namespace package",
        {
            "app/helpers.py": LOAD_STARTS_A_LOOP,
            "app/handlers.py": calls_load("from app.helpers import load\n"),
        },
        "app/handlers.py",
        ("-m", "app.handlers"),
    ),
    _failing(
        "src layout",
        {
            "src/app/__init__.py": "",
            "src/app/helpers.py": LOAD_STARTS_A_LOOP,
            "src/app/handlers.py": calls_load("from app.helpers import load\n"),
        },
        "src/app/handlers.py",
        ("-m", "app.handlers"),
        cwd="src",
    ),
    _failing(
        "nested packages",
        {
            "app/__init__.py": "",
            "app/core/__init__.py": "",
            "app/core/helpers.py": LOAD_STARTS_A_LOOP,
            "app/api/__init__.py": "",
            "app/api/handlers.py": calls_load("from ..core.helpers import load\n"),
        },
        "app/api/handlers.py",
        ("-m", "app.api.handlers"),
    ),
    NamedProject(
        "sibling scripts with same-named helpers",
        {
            "a/jobs.py": calls_load("from helpers import load\n"),
            "a/helpers.py": LOAD_STARTS_A_LOOP,
            "b/jobs.py": calls_load("from helpers import load\n"),
            "b/helpers.py": LOAD_PLAIN,
        },
        (Run(("jobs.py",), "a", IN_A_JOBS), Run(("jobs.py",), "b")),
        (IN_A_JOBS,),
    ),
    NamedProject(
        "same-named module in another folder",
        {
            "main.py": calls_load("from helpers import load\n"),
            "helpers.py": LOAD_PLAIN,
            "other/helpers.py": LOAD_STARTS_A_LOOP,
        },
        (Run(("main.py",)),),
    ),
    _failing(
        "relative import with an alias",
        {
            "app/__init__.py": "",
            "app/helpers.py": LOAD_STARTS_A_LOOP,
            "app/handlers.py": calls_load(
                "from .helpers import load as read_config\n", "read_config()"
            ),
        },
        "app/handlers.py",
        ("-m", "app.handlers"),
    ),
    _failing(
        "re-export through __init__",
        {
            "app/__init__.py": "from .helpers import load\n",
            "app/helpers.py": LOAD_STARTS_A_LOOP,
            "main.py": calls_load("from app import load\n"),
        },
        "main.py",
        ("main.py",),
    ),
    _failing(
        "star import",
        {"main.py": calls_load("from helpers import *\n"), "helpers.py": LOAD_STARTS_A_LOOP},
        "main.py",
        ("main.py",),
    ),
    _failing(
        "import cycle",
        {
            "app/__init__.py": "",
            "app/handlers.py": calls_load("from app import helpers\n", "helpers.load()"),
            "app/helpers.py": tail_module("load", "asyncio.run", "from app import handlers\n"),
        },
        "app/handlers.py",
        ("-m", "app.handlers"),
    ),
    NamedProject(
        "chain through three modules",
        {
            "main.py": calls_load("from services import prepare\n", "prepare()"),
            "services.py": "from helpers import load\n\n\ndef prepare():\n    return load()\n",
            "helpers.py": LOAD_STARTS_A_LOOP,
        },
        (Run(("main.py",), ".", THREE_MODULES_DEEP),),
        (THREE_MODULES_DEEP,),
    ),
    _failing(
        "re-export through a plain module",
        {
            "main.py": calls_load("from services import load\n"),
            "services.py": "from helpers import load\n",
            "helpers.py": LOAD_STARTS_A_LOOP,
        },
        "main.py",
        ("main.py",),
    ),
    NamedProject(
        "helper guarded by get_running_loop",
        {"main.py": calls_load("from helpers import load\n"), "helpers.py": LOAD_GUARDED},
        (Run(("main.py",)),),
    ),
    NamedProject(
        "helper made async",
        {
            "main.py": calls_load("from helpers import load\n", "await load()"),
            "helpers.py": LOAD_ASYNC,
        },
        (Run(("main.py",)),),
    ),
]


def _example(shape: Shape) -> NamedProject:
    project = build(shape)
    return NamedProject(described(shape), project.files, project.runs, project.expected)


PROJECTS = HAND_WRITTEN + [_example(shape) for shape in EXAMPLES]
"""The hand-written projects, then one per example shape of the generator."""
