"""Analyzing a module again after an edit, reusing what the edit left alone.

An editor sends a new version of a file at every pause in typing, and nearly every edit stays
inside one line or a few: inside one function or class, or on blank and comment lines between
statements. ``IncrementalAnalysis`` keeps the last version's tree and result, and for such an
edit:

- blank and comment lines between top-level statements: the tree is unchanged, and so is the
  result (no finding is on those lines, and ``# noqa`` counts only on a statement's lines);
- lines inside the body of one top-level ``def`` or ``class``: only that statement is parsed
  again and put in the old tree's place, only its lines are walked, and the other statements'
  findings are kept — as long as its functions start event loops exactly as before (else
  other functions' LOOP201 may change: the whole module is analyzed again) and it holds no
  nested function that starts one (a decorator's wrapper: the functions it decorates elsewhere
  follow it).

Anything else — a new line count, a header, an import, a syntax error, changed settings or
project — is analyzed from scratch. Either way the result is what ``analyze_module`` returns
for the new text; ``tests/engine/test_incremental.py`` checks that on random edits.
"""

from __future__ import annotations

import ast
import enum
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from looplint.engine.analysis import analyze_module, analyze_region
from looplint.engine.findings import Finding, FixKind, Position, Span
from looplint.engine.instances import attribute_classes
from looplint.engine.module_pass import ModuleResult
from looplint.engine.scopes import ClassScope, ModuleScope
from looplint.engine.settings import DEFAULT_SETTINGS, RuleSettings
from looplint.engine.skipped import SkippedRegion

if TYPE_CHECKING:
    from looplint.engine.project import ProjectIndex

_BLANK_OR_COMMENT = re.compile(r"[ \t\f]*(?:#[^\r\n]*)?\r?")
_LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")  # a line break that "\n" counting misses
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# ``nest_asyncio.apply()`` anywhere changes every finding's severity; ``global`` in a function
# adds module bindings that other statements resolve names to.
_PATCHES_ASYNCIO = "nest_asyncio"
_BINDS_GLOBALS = "global"


@dataclass(frozen=True, slots=True)
class _Inputs:
    """Everything besides the text that an analysis depends on."""

    settings: RuleSettings
    module_name: str | None
    is_package: bool
    project: ProjectIndex | None
    project_version: int


@dataclass(frozen=True, slots=True)
class _Analyzed:
    source: str
    tree: ast.Module
    inputs: _Inputs
    result: ModuleResult


class Reuse(enum.Enum):
    """How much of the last analysis an analysis reused."""

    NOTHING = "nothing: the whole module was analyzed"
    SAME_TEXT = "everything: the text had not changed"
    BLANK_OR_COMMENT_LINES = "everything: only blank or comment lines between statements changed"
    OTHER_STATEMENTS = "every statement but the edited one"


class IncrementalAnalysis:
    """Successive analyses of one module (an editor's document)."""

    def __init__(self) -> None:
        self._last: _Analyzed | None = None
        self.reuse = Reuse.NOTHING
        """What the latest ``analyze`` reused (for logs)."""

    def analyze(
        self,
        source: str,
        settings: RuleSettings = DEFAULT_SETTINGS,
        *,
        module_name: str | None = None,
        is_package: bool = False,
        project: ProjectIndex | None = None,
        project_version: int = 0,
    ) -> ModuleResult:
        """``analyze_module(source, ...)``, reusing the last analysis where the edit allows.
        ``project_version`` must change whenever ``project`` learns something new."""
        inputs = _Inputs(settings, module_name, is_package, project, project_version)
        result = self._reusing_last(source, inputs)
        if result is not None:
            return result
        self.reuse = Reuse.NOTHING
        result = analyze_module(
            source, settings, module_name=module_name, is_package=is_package, project=project
        )
        tree = result.tree
        self._last = _Analyzed(source, tree, inputs, result) if tree is not None else None
        return result

    @property
    def tree(self) -> ast.Module | None:
        """The syntax tree of the version analyzed last (``None``: none, or it had to be
        repaired)."""
        return None if self._last is None else self._last.tree

    def forget(self) -> None:
        """Analyze the next version from scratch (after a failure, nothing is to be trusted)."""
        self._last = None
        self.reuse = Reuse.NOTHING

    def _reusing_last(self, source: str, inputs: _Inputs) -> ModuleResult | None:
        last = self._last
        if last is None or last.inputs != inputs:
            return None
        if source == last.source:
            self.reuse = Reuse.SAME_TEXT
            return last.result
        edit = _edited_lines(last.source, source)
        if edit is None or _PATCHES_ASYNCIO in source:
            return None
        if "\r" in source and _LONE_CARRIAGE_RETURN.search(source):
            return None
        first, end = edit
        statements = last.tree.body
        starts = [_first_line(statement) for statement in statements]
        index = bisect_right(starts, first) - 1
        statement = statements[index] if index >= 0 else None
        if statement is None or statement.end_lineno < first:  # type: ignore[attr-defined]
            between = _lines(last.source, first, end) + _lines(source, first, end)
            if all(_BLANK_OR_COMMENT.fullmatch(line) for line in between):
                self._last = _Analyzed(source, last.tree, inputs, last.result)
                self.reuse = Reuse.BLANK_OR_COMMENT_LINES
                return last.result
            return None
        if end > statement.end_lineno or not _edits_body_only(statement, first, statements):  # type: ignore[attr-defined]
            return None
        return self._reanalyzing_statement(source, inputs, index)

    def _reanalyzing_statement(
        self, source: str, inputs: _Inputs, index: int
    ) -> ModuleResult | None:
        last = self._last
        assert last is not None
        old = last.tree.body[index]
        region = (_first_line(old), old.end_lineno)  # type: ignore[attr-defined]
        old_text, new_text = (_text_of(text, region) for text in (last.source, source))
        if _BINDS_GLOBALS in old_text or _BINDS_GLOBALS in new_text:
            return None
        new = _parse_statement(new_text, region[0])
        if new is None or type(new) is not type(old) or new.name != old.name:  # type: ignore[attr-defined]
            return None
        if _depends_on_the_region(last.result.findings, region):
            return None
        key = f"{inputs.module_name or '<module>'}.{old.name}"  # type: ignore[attr-defined]
        old_own = {k: s for k, s in last.result.starters.items() if _under(k, key)}
        if any(k.startswith(f"{key}.<locals>.") for k in old_own):
            return None  # a decorator's wrapper: what it makes of the functions it decorates
        outside = {k: s for k, s in last.result.starters.items() if not _under(k, key)}
        tree = ast.Module(body=[*last.tree.body[:index], new, *last.tree.body[index + 1 :]])
        tree.type_ignores = last.tree.type_ignores
        partial = analyze_region(
            source,
            tree,
            region,
            outside,
            inputs.settings,
            module_name=inputs.module_name,
            is_package=inputs.is_package,
            project=inputs.project,
        )
        if partial is None or partial.starters != old_own:
            return None  # other functions' starts may change with these: analyze them all
        if isinstance(old, ast.ClassDef) and _attribute_classes(old, last.tree) != (
            _attribute_classes(new, tree)
        ):
            return None  # code elsewhere may reach other methods through its attributes
        kept = [f for f in last.result.findings if not _inside(f, region)]
        findings = sorted([*kept, *partial.findings], key=lambda f: (f.span, f.code))
        result = ModuleResult(
            findings,
            last.result.starters,
            last.result.exports,
            names_other_modules_starters=partial.names_other_modules_starters,
            skipped=(
                *(s for s in last.result.skipped if not _covers(s, region)),
                *partial.skipped,
            ),
        )
        self._last = _Analyzed(source, tree, inputs, result)
        self.reuse = Reuse.OTHER_STATEMENTS
        return result


def _attribute_classes(node: ast.ClassDef, tree: ast.Module) -> dict[str, str | None]:
    module = ModuleScope(tree, None)
    klass = module.scope_for(node, module)
    assert isinstance(klass, ClassScope)
    return attribute_classes(klass)


def _edited_lines(old: str, new: str) -> tuple[int, int] | None:
    """The 1-based first and last line an edit touched, when it kept the line count and
    the line breaks; ``None`` otherwise."""
    prefix = _common_prefix(old, new)
    suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
    old_part, new_part = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if "\r" in old_part or "\r" in new_part or old_part.count("\n") != new_part.count("\n"):
        return None
    first = old.count("\n", 0, prefix) + 1
    return first, first + old_part.count("\n")


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix (by halving: each comparison runs in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _lines(text: str, first: int, last: int) -> list[str]:
    """Lines ``first`` to ``last`` (1-based, inclusive) of ``text``."""
    return text.split("\n", last)[first - 1 : last]


def _first_line(statement: ast.stmt) -> int:
    """A statement's first line, its decorators included."""
    decorators = getattr(statement, "decorator_list", ())
    return min([statement.lineno, *(d.lineno for d in decorators)])


def _edits_body_only(statement: ast.stmt, first: int, statements: list[ast.stmt]) -> bool:
    """An edit from line ``first`` on stays inside the body of a ``def``/``class`` whose name
    no other top-level statement defines (its functions' keys are its own)."""
    if not isinstance(statement, _DEFINITIONS) or first < statement.body[0].lineno:
        return False
    return sum(isinstance(s, _DEFINITIONS) and s.name == statement.name for s in statements) == 1


def _text_of(source: str, region: tuple[int, int]) -> str:
    return "\n".join(_lines(source, region[0], region[1]))


def _parse_statement(text: str, first_line: int) -> ast.stmt | None:
    """The one top-level statement ``text`` is, positioned as if it began on ``first_line``
    (blank lines in front place it there: cheaper than moving every node afterwards);
    ``None`` if the text is not exactly one statement."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = ast.parse("\n" * (first_line - 1) + text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return module.body[0] if len(module.body) == 1 else None


def _depends_on_the_region(findings: list[Finding], region: tuple[int, int]) -> bool:
    """Whether a finding outside the region has a fix that reads or edits the region: "make
    it async" updates every call site, and no edit of this file may land in it."""
    for finding in findings:
        if _inside(finding, region):
            continue
        for fix in finding.fixes:
            if fix.kind is FixKind.MAKE_ASYNC:
                return True
            if any(edit.path is None and _touches(edit.span, region) for edit in fix.edits):
                return True
    return False


def _covers(skipped: SkippedRegion, region: tuple[int, int]) -> bool:
    """Whether a region not analyzed lies in the lines ``region`` (1-based)."""
    lines = skipped.lines
    return lines is not None and region[0] <= lines[0] + 1 <= region[1]


def _inside(finding: Finding, region: tuple[int, int]) -> bool:
    return region[0] <= finding.span.start.line + 1 <= region[1]


def _touches(span: Span, region: tuple[int, int]) -> bool:
    """Whether a span reaches into the lines ``region``; an insertion at the very start of
    its first line (an import added above the statement) does not."""
    region_start = Position(region[0] - 1, 0)
    return span.end > region_start and span.start.line + 1 <= region[1]


def _under(key: str, statement_key: str) -> bool:
    """Whether a function key belongs to the statement (itself, its methods, nested defs)."""
    return key == statement_key or key.startswith(f"{statement_key}.")
