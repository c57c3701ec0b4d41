"""Small multi-module projects, generated: a ``Shape`` is what was chosen (readable when
hypothesis shows a failing example), ``build`` turns it into files.

Every project is a chain: one or two async callers ``handle()`` call a sync helper, which may
call a helper in a further module, which ends in a loop start (``asyncio.run``, or
``run_until_complete`` on the running loop) or in a helper that does not start one (guarded by
``get_running_loop()``, made ``async def`` and awaited all the way, or plain). The modules sit
in one of the layouts Python resolves imports in, imported in every style; a tail module may
import its caller back (a cycle), and a decoy module elsewhere may define a same-named function
that does the opposite. Each project is runnable: a caller started with ``python -m`` (or as a
script for the flat and sibling layouts) raises exactly when its chain starts a loop.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from .expected_findings import Expected, Run

FUZZ = os.environ.get("LOOPLINT_FUZZ") == "1"
"""``make fuzz``: many more examples."""


def generated_settings(*, examples: int, fuzz_examples: int) -> settings:
    """Hypothesis settings for tests that run programs on each example (a second or so of CPU
    time each): in ``make test`` few examples, and a failing shape is shown as drawn (small
    already), not shrunk at the cost of dozens of runs; ``make fuzz`` tries and shrinks more."""
    return settings(
        max_examples=fuzz_examples if FUZZ else examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        phases=tuple(Phase) if FUZZ else tuple(phase for phase in Phase if phase != Phase.shrink),
    )


LAYOUTS = (
    "flat scripts",
    "package",
    "namespace package",
    "src layout",
    "nested packages",
    "sibling scripts",
)
TAILS = ("asyncio.run", "run_until_complete", "guarded", "async", "plain")
"""How a chain ends: the first two start a loop, the others do not."""
STARTS_A_LOOP = {
    "asyncio.run": "asyncio.run()",
    "run_until_complete": "asyncio.get_event_loop().run_until_complete()",
}
"""The tails that start a loop, as a finding's call chain shows the start."""
STYLES = (
    "import",  # import app.helpers; app.helpers.load()
    "from",  # from app.helpers import load; load()
    "from package import module",  # from app import helpers; helpers.load()
    "relative module",  # from . import helpers; helpers.load()
    "relative alias",  # from .helpers import load as helpers_load; helpers_load()
    "re-export",  # app/__init__.py: from .helpers import load; then from app import load
    "star",  # from app.helpers import *; load()
)
MODULE_STYLES = frozenset({"import", "from package import module", "relative module"})
"""The styles that bind a module, not a name defined in it."""
FUNCTIONS = ("load", "prepare", "read_config")
"""Names of the chain's sync helpers (``handle`` and ``fetch`` are taken)."""
CALLER_STEMS = ("handlers", "views")
CHAIN_STEMS = ("services", "tools", "helpers")
"""Chain modules by depth: the tail module of a one-module chain is ``helpers``."""
NON_ASCII = 'label = "é🚀"; '
"""Put before a call, so that code-point and UTF-16 columns differ."""
SIBLINGS = ("a", "b", "c")
CALL_LINE = 6
"""The 1-based line of the call in ``caller_module``."""


@dataclass(frozen=True)
class Shape:
    """The choices that make a project."""

    layout: str
    callers: tuple[tuple[str, ...], ...]
    """The package of each caller module (``()``: a script at the top of the source root)."""
    chain: tuple[tuple[str, ...], ...]
    """The package of each helper module, from the one the callers import to the tail."""
    styles: tuple[str, ...]
    """The import style of each edge: callers → chain[0] first, then chain[i] → chain[i+1]."""
    tails: tuple[str, ...]
    """How the chain ends; one per folder in the sibling layout, else one."""
    cycle: bool = False
    """The tail module imports the first caller back."""
    decoy: bool = False
    """A module of the tail's name elsewhere defines the tail's function doing the opposite."""
    non_ascii: bool = False


@dataclass(frozen=True)
class Module:
    package: tuple[str, ...]
    stem: str
    source_root: str = ""

    @property
    def dotted(self) -> str:
        return ".".join([*self.package, self.stem])

    @property
    def path(self) -> str:
        return "/".join(
            part for part in (self.source_root, *self.package, f"{self.stem}.py") if part
        )


@dataclass(frozen=True)
class GeneratedProject:
    files: dict[str, str]
    """Text by path relative to the project root."""
    runs: tuple[Run, ...]
    """One per caller; it fails at its call exactly when its chain starts a loop."""

    @property
    def expected(self) -> tuple[Expected, ...]:
        return tuple(run.fails_at for run in self.runs if run.fails_at)


def write_files(files: dict[str, str], root: Path) -> None:
    """Write ``files`` (text by path relative to ``root``) in UTF-8."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def listing(files: dict[str, str]) -> str:
    """Every file with its text, for failure messages."""
    return "\n".join(f"--- {path}\n{text.rstrip()}" for path, text in sorted(files.items()))


def build(shape: Shape) -> GeneratedProject:
    """The project ``shape`` describes."""
    if shape.layout == "sibling scripts":
        return _merged(
            [
                _chain_project(shape, *_modules(shape, folder), tail)
                for folder, tail in zip(SIBLINGS, shape.tails, strict=False)
            ]
        )
    callers, chain = _modules(shape)
    project = _chain_project(shape, callers, chain, shape.tails[0])
    files = dict(project.files)
    if shape.layout != "namespace package":
        for module in [*callers, *chain]:
            for depth in range(1, len(module.package) + 1):
                init = Module(module.package[:depth], "__init__", module.source_root).path
                files.setdefault(init, "")
    for init, lines in _re_exports(shape, callers, chain).items():
        files[init] = files.get(init, "") + "".join(lines)
    if shape.decoy:
        files.update(_decoy(shape, chain[-1]))
    return GeneratedProject(files, project.runs)


def _modules(shape: Shape, folder: str = SIBLINGS[0]) -> tuple[list[Module], list[Module]]:
    """The callers and the chain; in the sibling layout, those of the scripts in ``folder``."""
    siblings = shape.layout == "sibling scripts"
    source_root = folder if siblings else "src" if shape.layout == "src layout" else ""
    callers = [
        Module(package, "jobs" if siblings else CALLER_STEMS[index], source_root)
        for index, package in enumerate(shape.callers)
    ]
    chain = [
        Module(package, CHAIN_STEMS[index - len(shape.chain)], source_root)
        for index, package in enumerate(shape.chain)
    ]
    return callers, chain


def _merged(projects: list[GeneratedProject]) -> GeneratedProject:
    files: dict[str, str] = {}
    runs: list[Run] = []
    for project in projects:
        files.update(project.files)
        runs.extend(project.runs)
    return GeneratedProject(files, tuple(runs))


def _chain_project(
    shape: Shape, callers: list[Module], chain: list[Module], tail: str
) -> GeneratedProject:
    """The files of ``callers`` and ``chain`` (each calling the next), and a run per caller."""
    is_async = tail == "async"
    names = FUNCTIONS[-len(chain) :]
    files: dict[str, str] = {}
    for index, module in enumerate(chain):
        if index + 1 == len(chain):
            back = _cycle_import(shape, module, callers[0]) if shape.cycle else ""
            files[module.path] = tail_module(names[index], tail, back)
        else:
            style = shape.styles[len(callers) + index]
            imports, call = _import(style, module, chain[index + 1], names[index + 1])
            files[module.path] = _middle_module(names[index], imports, call, is_async=is_async)
    for index, module in enumerate(callers):
        imports, call = _import(shape.styles[index], module, chain[0], names[0])
        awaited = "await " if is_async else ""
        files[module.path] = caller_module(imports, f"{awaited}{call}()", non_ascii=shape.non_ascii)
    return GeneratedProject(
        files, tuple(_run(module, _expected(module, names, tail)) for module in callers)
    )


def _expected(caller: Module, names: tuple[str, ...], tail: str) -> Expected | None:
    """The finding at the call in ``caller``, if its chain starts a loop."""
    if tail not in STARTS_A_LOOP:
        return None
    return Expected(
        caller.path, CALL_LINE, chain=" → ".join(["handle", *names, STARTS_A_LOOP[tail]])
    )


def _run(module: Module, fails_at: Expected | None) -> Run:
    """A script is run as a script, a module of a package with ``-m``, from its source root."""
    arguments = ("-m", module.dotted) if module.package else (f"{module.stem}.py",)
    return Run(arguments, module.source_root or ".", fails_at)


def tail_module(function: str, tail: str, extra: str = "") -> str:
    """The module a chain ends in: ``function`` starts a loop, or does not (``tail``);
    ``extra`` (imports, definitions) follows ``import asyncio``."""
    bodies = {
        "asyncio.run": f"def {function}():\n    return asyncio.run(fetch())\n",
        "run_until_complete": (
            f"def {function}():\n    return asyncio.get_event_loop().run_until_complete(fetch())\n"
        ),
        "guarded": (
            f"def {function}():\n    try:\n        asyncio.get_running_loop()\n"
            "    except RuntimeError:\n        return asyncio.run(fetch())\n    return None\n"
        ),
        "async": f"async def {function}():\n    return await fetch()\n",
        "plain": f"def {function}():\n    return {{}}\n",
    }
    return f"import asyncio\n{extra}\n\nasync def fetch():\n    return 1\n\n\n{bodies[tail]}"


def _middle_module(function: str, imports: str, call: str, *, is_async: bool) -> str:
    definition = "async def" if is_async else "def"
    awaited = "await " if is_async else ""
    return f"{imports}\n\n{definition} {function}():\n    return {awaited}{call}()\n"


def caller_module(imports: str, call: str, *, non_ascii: bool = False) -> str:
    """A module whose coroutine ``handle()`` makes ``call`` on line ``CALL_LINE``; run as the
    main module, it runs ``handle()`` with ``asyncio.run``. ``imports`` is one line."""
    prefix = NON_ASCII if non_ascii else ""
    return (
        f"import asyncio\n{imports}\n\nasync def handle():\n    {prefix}{call}\n\n\n"
        'if __name__ == "__main__":\n    asyncio.run(handle())\n'
    )


def _cycle_import(shape: Shape, tail: Module, caller: Module) -> str:
    """The tail imports its caller's module back and refers to it in a function."""
    style = (
        "relative module" if "relative module" in valid_styles(shape, tail, caller) else "import"
    )
    imports, call = _import(style, tail, caller, "handle")
    return f"{imports}\n\ndef again():\n    return {call}\n"


def _relative(importer: Module, target: Module) -> tuple[str, tuple[str, ...]] | None:
    """The dots and the rest of the package path of a relative import, if there is one."""
    common = 0
    for mine, theirs in zip(importer.package, target.package, strict=False):
        if mine != theirs:
            break
        common += 1
    if common == 0:
        return None
    return "." * (len(importer.package) - common + 1), target.package[common:]


def valid_styles(shape: Shape, importer: Module, target: Module) -> list[str]:
    """The import styles in which ``importer`` can import ``target`` as Python resolves it."""
    styles = ["import", "from", "star"]
    if target.package:
        styles.append("from package import module")
    if _relative(importer, target) is not None:
        styles += ["relative module", "relative alias"]
    if target.package and shape.layout != "namespace package":
        styles.append("re-export")
    return [style for style in STYLES if style in styles]


def _import(style: str, importer: Module, target: Module, function: str) -> tuple[str, str]:
    """The import line(s) in ``importer`` and the expression that names ``function``."""
    package = ".".join(target.package)
    relative = _relative(importer, target)
    if style == "import":
        return f"import {target.dotted}\n", f"{target.dotted}.{function}"
    if style == "from":
        return f"from {target.dotted} import {function}\n", function
    if style == "from package import module":
        return f"from {package} import {target.stem}\n", f"{target.stem}.{function}"
    if style == "star":
        return f"from {target.dotted} import *\n", function
    if style == "re-export":
        return f"from {package} import {function}\n", function
    assert relative is not None, f"{importer.path} cannot import {target.path} relatively"
    dots, rest = relative
    if style == "relative module":
        return f"from {dots}{'.'.join(rest)} import {target.stem}\n", f"{target.stem}.{function}"
    alias = f"{target.stem}_{function}"
    spec = dots + ".".join([*rest, target.stem])
    return f"from {spec} import {function} as {alias}\n", alias


def _re_exports(shape: Shape, callers: list[Module], chain: list[Module]) -> dict[str, list[str]]:
    """The ``from .module import function`` lines each re-exporting ``__init__.py`` needs,
    the deepest module of the chain first (so that a module the ``__init__.py`` imports finds
    the names it imports from its package already there)."""
    names = FUNCTIONS[-len(chain) :]
    targets = [0] * len(callers) + list(range(1, len(chain)))
    exported = {
        target for style, target in zip(shape.styles, targets, strict=False) if style == "re-export"
    }
    exports: dict[str, list[str]] = {}
    for target in sorted(exported, reverse=True):
        module = chain[target]
        init = Module(module.package, "__init__", module.source_root).path
        exports.setdefault(init, []).append(f"from .{module.stem} import {names[target]}\n")
    return exports


def _decoy(shape: Shape, tail: Module) -> dict[str, str]:
    """A module named like the tail, elsewhere, whose same-named function does the opposite."""
    function = FUNCTIONS[-1]
    opposite = "plain" if shape.tails[0] in STARTS_A_LOOP else "asyncio.run"
    folder = "other" if not tail.package else ""
    return {Module((folder,) if folder else (), tail.stem).path: tail_module(function, opposite)}


def _packages(layout: str) -> Callable[[bool], st.SearchStrategy[tuple[str, ...]]]:
    """The packages a caller (``True``) or a chain module (``False``) may be in."""
    choices = {
        "flat scripts": ([()], [()]),
        "package": ([("app",), ()], [("app",)]),
        "namespace package": ([("app",), ()], [("app",)]),
        "src layout": ([("app",)], [("app",)]),
        "nested packages": ([("app",), ("app", "api")], [("app",), ("app", "core")]),
        "sibling scripts": ([()], [()]),
    }[layout]
    return lambda caller: st.sampled_from(choices[0] if caller else choices[1])


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    """Any project shape; each builds to 2 to 8 files (siblings: three folders of two files, or
    two of three)."""
    layout = draw(st.sampled_from(LAYOUTS))
    siblings = layout == "sibling scripts"
    places = _packages(layout)
    depth = draw(st.integers(1, 2 if siblings else 3))
    callers = draw(st.lists(places(True), min_size=1, max_size=1 if siblings else 2))
    chain = draw(st.lists(places(False), min_size=depth, max_size=depth))
    tails = draw(
        st.lists(st.sampled_from(TAILS), min_size=2, max_size=3 if depth == 1 else 2)
        if siblings
        else st.tuples(st.sampled_from(TAILS))
    )
    partial = Shape(layout, tuple(callers), tuple(chain), (), tuple(tails))
    styles = tuple(
        draw(st.sampled_from(valid_styles(partial, importer, target)))
        for importer, target in _edges(partial)
    )
    shape = Shape(
        layout,
        tuple(callers),
        tuple(chain),
        styles,
        tuple(tails),
        cycle=_cycle_imports_resolve(styles) and draw(st.booleans()),
        non_ascii=draw(st.booleans()),
    )
    if not siblings and len(build(shape).files) < 8 and draw(st.booleans()):
        return replace(shape, decoy=True)
    return shape


def _cycle_imports_resolve(styles: tuple[str, ...]) -> bool:
    """Whether Python can import the project when the tail imports the first caller back:
    the caller, imported again while its chain is half imported, must import a module (a name
    is not defined yet), and no ``__init__.py`` may import the chain first."""
    return styles[0] in MODULE_STYLES and not {"re-export", "star"} & set(styles)


def _edges(shape: Shape) -> list[tuple[Module, Module]]:
    """(importer, imported) in the order of ``Shape.styles``."""
    callers, chain = _modules(shape)
    return [(caller, chain[0]) for caller in callers] + list(pairwise(chain))


PACKAGE = ("app",)
EXAMPLES = [
    Shape("flat scripts", ((),), ((), ()), ("import", "star"), ("asyncio.run",), decoy=True),
    Shape(
        "package",
        ((), PACKAGE),
        (PACKAGE,),
        ("re-export", "relative alias"),
        ("asyncio.run",),
        non_ascii=True,
    ),
    Shape(
        "namespace package",
        (PACKAGE,),
        (PACKAGE, PACKAGE),
        ("from", "relative module"),
        ("run_until_complete",),
        non_ascii=True,
    ),
    Shape("src layout", (PACKAGE,), (PACKAGE,), ("relative module",), ("asyncio.run",), cycle=True),
    Shape(
        "nested packages",
        (("app", "api"),),
        (("app", "core"), PACKAGE),
        ("relative alias", "from package import module"),
        ("asyncio.run",),
    ),
    Shape("sibling scripts", ((),), ((),), ("from",), ("asyncio.run", "plain", "guarded")),
    Shape("package", (PACKAGE,), (PACKAGE,), ("import",), ("guarded",), decoy=True),
    Shape("flat scripts", ((),), ((),), ("from",), ("async",), decoy=True),
    Shape(
        "nested packages",
        (PACKAGE,),
        (("app", "core"), ("app", "core")),
        ("relative module", "star"),
        ("asyncio.run",),
        decoy=True,
    ),
]
"""Every layout, every tail, and most import styles, cycles and decoys: tried on every run."""


def described(shape: Shape) -> str:
    """A short name for ``shape``, as a test id."""
    extras = [name for name in ("cycle", "decoy", "non_ascii") if getattr(shape, name)]
    return "; ".join([shape.layout, ", ".join(shape.styles), ", ".join(shape.tails), *extras])
