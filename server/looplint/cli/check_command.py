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

from looplint.cli.discovery import FoundFile, LinkLeavingRoots, discover
from looplint.cli.file_check import CheckOutcome, CheckRequest, Mode, check_content
from looplint.cli.formats import RENDERERS, STATISTICS_RENDERERS, Report
from looplint.cli.formats.report import counted
from looplint.cli.module_names import module_name_for
from looplint.cli.project_analysis import check_project
from looplint.cli.project_config import ProjectConfigs
from looplint.cli.unsafe_fixes import apply_unsafe_fixes
from looplint.config import Options

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
    if args.unsafe_fixes:
        outcomes = _fix_with_unsafe_fixes(checked, configs, output.quiet)
    else:
        outcomes = _check_paths(checked, configs, mode, output.quiet)
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
    )


def _check_paths(
    paths: list[Path], configs: ProjectConfigs, mode: Mode, quiet: bool
) -> list[CheckOutcome]:
    requests: list[CheckRequest] = []
    missing: list[CheckOutcome] = []
    seen: set[Path] = set()  # `check src src/app.py` checks (and fixes) src/app.py once
    for found in discover(paths, configs):
        if isinstance(found, FoundFile):
            real = _identity(found.path, len(paths))
            if real in seen:
                continue
            seen.add(real)
            settings = found.config.settings
            requests.append(CheckRequest(found.path, settings, module_name_for(found.path), mode))
        elif isinstance(found, LinkLeavingRoots):
            print(
                f"looplint: warning: {found.path}: skipped, a link to {found.target},"
                " outside the checked paths",
                file=sys.stderr,
            )
        else:
            missing.append(CheckOutcome(found.path, error="no such file or folder"))
    if not requests and not missing and not quiet:
        print("looplint: warning: no Python files or notebooks found", file=sys.stderr)
    outcomes = check_project(requests) + missing
    return sorted(outcomes, key=lambda outcome: outcome.path.parts)


def _identity(path: Path, paths_given: int) -> Path:
    """What makes two found files one. A walk of one folder meets a file once, except through
    a link: only then (or when several paths may overlap) is the real path worth its cost."""
    return path.resolve() if paths_given > 1 or path.is_symlink() else path


def _fix_with_unsafe_fixes(
    paths: list[Path], configs: ProjectConfigs, quiet: bool
) -> list[CheckOutcome]:
    """``--fix --unsafe-fixes``: the safe fixes, then the unsafe fixes of what remains (found by
    a check of the whole project that writes nothing), in rounds: one fix can make way for
    another. The outcomes are the last round's, counting every fix applied."""
    fixed: Counter[Path] = Counter()
    outcomes = _check_paths(paths, configs, Mode.FIX, quiet)
    for _ in range(UNSAFE_ROUNDS):
        fixed.update({outcome.path: outcome.fixed for outcome in outcomes})
        unsafe = apply_unsafe_fixes(_check_paths(paths, configs, Mode.FIND_UNSAFE, quiet=True))
        fixed.update(unsafe.applied)
        if unsafe.error is not None:
            outcomes = sorted([*outcomes, unsafe.error], key=lambda outcome: outcome.path.parts)
            break
        if not unsafe.applied:
            break
        outcomes = _check_paths(paths, configs, Mode.FIX, quiet)
    else:
        fixed.update({outcome.path: outcome.fixed for outcome in outcomes})
    return [replace(outcome, fixed=fixed[outcome.path]) for outcome in outcomes]


def _check_stdin(path: Path, configs: ProjectConfigs, mode: Mode, output: Output) -> int:
    """Check stdin as the file ``path``. With ``--fix`` the fixed source goes to stdout and the
    report to stderr, so the command works as an editor's or a pipe's filter."""
    content = sys.stdin.buffer.read()
    settings = configs.for_file(path).settings
    outcome = check_content(content, CheckRequest(path, settings, module_name_for(path), mode))
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
