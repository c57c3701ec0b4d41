"""``looplint check``: find the files, check them (in parallel), report, and choose the exit status.

Exit status: 0 nothing found, 1 problems found (with ``--diff``: fixes to apply), 2 a usage or
configuration error, or a file that could not be read, decoded or written. Such a file is
reported on stderr as ``looplint: error: PATH: REASON`` and the other files are still checked.
What the engine could not analyze in a file (too large, a region around a syntax error, syntax
of a newer Python) is said on stderr as ``looplint: warning: PATH: ... not analyzed: REASON``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from looplint.cli.discovery import FoundFile, discover
from looplint.cli.file_check import CheckOutcome, CheckRequest, Mode, check_content
from looplint.cli.formats import RENDERERS, Report
from looplint.cli.formats.report import counted
from looplint.cli.module_names import module_name_for
from looplint.cli.project_analysis import check_project
from looplint.cli.project_config import ProjectConfigs
from looplint.config import Options

CLEAN, FOUND, ERROR = 0, 1, 2
STDIN = "-"


def run_check(args: argparse.Namespace) -> int:
    mode = Mode.FIX if args.fix else Mode.DIFF if args.diff else Mode.CHECK
    configs = ProjectConfigs(_command_line_options(args))
    paths: list[str] = args.paths or ([STDIN] if args.stdin_filename else ["."])
    if STDIN in paths:
        if len(paths) > 1:
            return _usage_error("'-' (stdin) cannot be combined with other paths")
        return _check_stdin(Path(args.stdin_filename or STDIN), configs, mode, args.output_format)
    outcomes = _check_paths([Path(path) for path in paths], configs, mode)
    _report(outcomes, mode, args.output_format, sys.stdout)
    return _exit_status(outcomes, mode)


def _command_line_options(args: argparse.Namespace) -> Options:
    return Options(
        select=args.select,
        ignore=args.ignore or (),
        exclude=args.exclude or (),
        extend_exclude=args.extend_exclude or (),
        max_file_size_mb=args.max_file_size_mb,
    )


def _check_paths(paths: list[Path], configs: ProjectConfigs, mode: Mode) -> list[CheckOutcome]:
    requests: list[CheckRequest] = []
    missing: list[CheckOutcome] = []
    seen: set[Path] = set()  # `check src src/app.py` checks (and fixes) src/app.py once
    for found in discover(paths, configs):
        if isinstance(found, FoundFile):
            if found.path.resolve() in seen:
                continue
            seen.add(found.path.resolve())
            settings = found.config.settings
            requests.append(CheckRequest(found.path, settings, module_name_for(found.path), mode))
        else:
            missing.append(CheckOutcome(found.path, error="no such file or folder"))
    if not requests and not missing:
        print("looplint: warning: no Python files or notebooks found", file=sys.stderr)
    outcomes = check_project(requests) + missing
    return sorted(outcomes, key=lambda outcome: outcome.path.parts)


def _check_stdin(path: Path, configs: ProjectConfigs, mode: Mode, output_format: str) -> int:
    """Check stdin as the file ``path``. With ``--fix`` the fixed source goes to stdout and the
    report to stderr, so the command works as an editor's or a pipe's filter."""
    content = sys.stdin.buffer.read()
    settings = configs.for_file(path).settings
    outcome = check_content(content, CheckRequest(path, settings, module_name_for(path), mode))
    if mode is Mode.FIX:
        sys.stdout.buffer.write(outcome.new_content or content)
        sys.stdout.flush()
        _report([outcome], mode, output_format, sys.stderr)
    else:
        _report([outcome], mode, output_format, sys.stdout)
    return _exit_status([outcome], mode)


def _report(outcomes: list[CheckOutcome], mode: Mode, output_format: str, stream: TextIO) -> None:
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
        print(summary, file=sys.stderr)
        return
    stream.write(RENDERERS[output_format](Report(checked, mode)))


def _exit_status(outcomes: list[CheckOutcome], mode: Mode) -> int:
    if any(outcome.error is not None for outcome in outcomes):
        return ERROR
    if mode is Mode.DIFF:
        return FOUND if any(outcome.new_content is not None for outcome in outcomes) else CLEAN
    return FOUND if any(outcome.findings for outcome in outcomes) else CLEAN


def _usage_error(message: str) -> int:
    print(f"looplint check: error: {message}", file=sys.stderr)
    return ERROR
