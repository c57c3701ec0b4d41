"""``looplint check``: find the files, check them (in parallel), report, and choose the exit status.

Exit status: 0 nothing found, 1 problems found (with ``--diff``: fixes to apply; never with
``--exit-zero``), 2 a usage or configuration error, or a file that could not be checked (read,
decoded or written). Such a file is reported on stderr as ``looplint: error: PATH: REASON``, the
other files are still checked, and the summary counts it.
What the engine could not analyze in a file (too large, a region around a syntax error, syntax
of a newer Python) is said on stderr as ``looplint: warning: PATH: ... not analyzed: REASON``.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from looplint.cli.file_check import CheckOutcome, CheckRequest, Mode, check_content
from looplint.cli.formats import RENDERERS, STATISTICS_RENDERERS, Report
from looplint.cli.formats.report import counted
from looplint.cli.project_analysis import check_project
from looplint.cli.unsafe_fixes import apply_unsafe_fixes
from looplint.config import Options
from looplint.project.cache import Cache
from looplint.project.cache_folder import cache_folder
from looplint.project.config import ProjectConfigs
from looplint.project.members import find_members
from looplint.project.modules import ModuleNames, project_root

CLEAN, FOUND, ERROR = 0, 1, 2
STDIN = "-"
# Rounds of unsafe fixes (each followed by the safe fixes it makes possible) at the most.
UNSAFE_ROUNDS = 4


@dataclass(frozen=True)
class Output:
    """How the outcome is told: --output-format, --statistics, --quiet, --exit-zero."""

    format: str
    statistics: bool
    quiet: bool
    exit_zero: bool

    @classmethod
    def of(cls, args: argparse.Namespace) -> Output:
        return cls(args.output_format, args.statistics, args.quiet, args.exit_zero)


# Objects created between two collections of the youngest generation (Python's default: 700).
# Syntax trees are millions of small objects without cycles: collecting every 700 of them
# cost a fifth of parsing, for nothing to free.
YOUNG_OBJECTS_PER_COLLECTION = 20_000


def run_check(args: argparse.Namespace) -> int:
    _collect_less_often()
    mode = _mode(args)
    output = Output.of(args)
    paths: list[str] = args.paths or ([STDIN] if args.stdin_filename else ["."])
    problem = _option_conflict(args, mode, output, paths)
    if problem is not None:
        return _usage_error(problem)
    configs = ProjectConfigs(_command_line_options(args))
    if STDIN in paths:
        return _check_stdin(Path(args.stdin_filename or STDIN), configs, mode, output)
    checked = [Path(path) for path in paths]
    run = _Run(configs, args.no_cache, output.quiet)
    outcomes = (
        _fix_with_unsafe_fixes(checked, run) if args.unsafe_fixes else run.check(checked, mode)
    )
    _report(outcomes, mode, output, sys.stdout)
    return _exit_status(outcomes, mode, output)


def _collect_less_often() -> None:
    """Garbage collection at a pace that fits a batch of syntax trees (workers inherit it);
    what start-up imported stays out of every collection."""
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, middle, oldest)


def _option_conflict(
    args: argparse.Namespace, mode: Mode, output: Output, paths: list[str]
) -> str | None:
    """What is wrong with this combination of options, if anything (argparse cannot tell)."""
    if output.statistics and output.format not in STATISTICS_RENDERERS:
        return "--statistics prints text or json, not " + output.format
    if output.statistics and mode is Mode.DIFF:
        return "--statistics counts findings; --diff shows fixes: choose one"
    if args.unsafe_fixes and mode is not Mode.FIX:
        return "--unsafe-fixes applies fixes: use it with --fix"
    if STDIN in paths and len(paths) > 1:
        return "'-' (stdin) cannot be combined with other paths"
    if STDIN in paths and (mode is Mode.ADD_NOQA or args.unsafe_fixes):
        return "--add-noqa and --unsafe-fixes edit files; they cannot read stdin"
    return None


def _mode(args: argparse.Namespace) -> Mode:
    if args.fix:
        return Mode.FIX
    if args.diff:
        return Mode.DIFF
    return Mode.ADD_NOQA if args.add_noqa else Mode.CHECK


def _command_line_options(args: argparse.Namespace) -> Options:
    return Options(
        select=args.select,
        ignore=args.ignore or (),
        exclude=args.exclude or (),
        extend_exclude=args.extend_exclude or (),
        max_file_size_mb=args.max_file_size_mb,
        cache_dir=args.cache_dir,
    )


@dataclass(frozen=True)
class _Run:
    """What every check of one command shares: the settings, the cache or not, quietness."""

    configs: ProjectConfigs
    no_cache: bool
    quiet: bool

    def check(self, paths: list[Path], mode: Mode, quiet: bool | None = None) -> list[CheckOutcome]:
        """Check (or fix) the files under ``paths``, following calls across them."""
        quiet = self.quiet if quiet is None else quiet
        root = project_root(paths, Path.cwd())
        names = ModuleNames(root)
        members = find_members(paths, self.configs, names)
        for link in members.links_leaving:
            print(
                f"looplint: warning: {link.path}: skipped, a link to {link.target},"
                " outside the checked paths",
                file=sys.stderr,
            )
        missing = [CheckOutcome(m.path, error="no such file or folder") for m in members.missing]
        requests = [CheckRequest(m.path, m.settings, m.module, mode) for m in members.files]
        if not requests and not missing and not quiet:
            print("looplint: warning: no Python files or notebooks found", file=sys.stderr)
        cache = self._cache(paths, root)
        outcomes = check_project(requests, names, self.configs, cache) + missing
        cache.save()
        if cache.problem is not None:
            print(f"looplint: warning: {cache.problem}; continuing without it", file=sys.stderr)
        return sorted(outcomes, key=lambda outcome: outcome.path.parts)

    def _cache(self, paths: list[Path], root: Path) -> Cache:
        file_options = self.configs.for_folder(root).file_options
        folder = cache_folder(self.configs.top, file_options, root, no_cache=self.no_cache)
        return Cache.open(folder, scope="\n".join(sorted(str(p.absolute()) for p in paths)))


def _fix_with_unsafe_fixes(paths: list[Path], run: _Run) -> list[CheckOutcome]:
    """``--fix --unsafe-fixes``: the safe fixes, then the unsafe fixes of what remains (found by
    a check of the whole project that writes nothing), in rounds: one fix can make way for
    another. The outcomes are the last round's, counting every fix applied."""
    fixed: Counter[Path] = Counter()
    outcomes = run.check(paths, Mode.FIX)
    for _ in range(UNSAFE_ROUNDS):
        fixed.update({outcome.path: outcome.fixed for outcome in outcomes})
        unsafe = apply_unsafe_fixes(run.check(paths, Mode.FIND_UNSAFE, quiet=True))
        fixed.update(unsafe.applied)
        if unsafe.error is not None:
            outcomes = sorted([*outcomes, unsafe.error], key=lambda outcome: outcome.path.parts)
            break
        if not unsafe.applied:
            break
        outcomes = run.check(paths, Mode.FIX)
    else:
        fixed.update({outcome.path: outcome.fixed for outcome in outcomes})
    return [replace(outcome, fixed=fixed[outcome.path]) for outcome in outcomes]


def _check_stdin(path: Path, configs: ProjectConfigs, mode: Mode, output: Output) -> int:
    """Check stdin as the file ``path``. With ``--fix`` the fixed source goes to stdout and the
    report to stderr, so the command works as an editor's or a pipe's filter."""
    content = sys.stdin.buffer.read()
    settings = configs.for_file(path).settings
    module = ModuleNames(project_root([path], Path.cwd())).module_for(path)
    outcome = check_content(content, CheckRequest(path, settings, module, mode))
    if mode is Mode.FIX:
        sys.stdout.buffer.write(outcome.new_content or content)
        sys.stdout.flush()
        _report([outcome], mode, output, sys.stderr)
    else:
        _report([outcome], mode, output, sys.stdout)
    return _exit_status([outcome], mode, output)


def _report(outcomes: list[CheckOutcome], mode: Mode, output: Output, stream: TextIO) -> None:
    for outcome in outcomes:
        if outcome.error is not None:
            print(f"looplint: error: {outcome.path}: {outcome.error}", file=sys.stderr)
        for note in outcome.not_analyzed:
            print(f"looplint: warning: {outcome.path}: {note}", file=sys.stderr)
    checked = [outcome for outcome in outcomes if outcome.error is None]
    if mode is Mode.DIFF:
        stream.write("".join(outcome.diff for outcome in checked))
        fixed = sum(outcome.fixed for outcome in checked)
        changed = sum(outcome.new_content is not None for outcome in checked)
        if changed:
            summary = f"Would fix {counted(fixed, 'problem')} in {counted(changed, 'file')}."
        else:
            summary = "No fixes to apply."
        if len(checked) < len(outcomes):
            unchecked = counted(len(outcomes) - len(checked), "file")
            summary = f"{summary[:-1]}; {unchecked} could not be checked."
        if not output.quiet:
            print(summary, file=sys.stderr)
        return
    renderers = STATISTICS_RENDERERS if output.statistics else RENDERERS
    stream.write(renderers[output.format](Report(outcomes, mode, output.quiet)))


def _exit_status(outcomes: list[CheckOutcome], mode: Mode, output: Output) -> int:
    if any(outcome.error is not None for outcome in outcomes):
        return ERROR
    if mode is Mode.DIFF:
        found = any(outcome.new_content is not None for outcome in outcomes)
    else:
        found = any(outcome.findings for outcome in outcomes)
    return FOUND if found and not output.exit_zero else CLEAN


def _usage_error(message: str) -> int:
    print(f"looplint check: error: {message}", file=sys.stderr)
    return ERROR
