"""The command line's grammar: subcommands, options, and how a usage error is reported."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from looplint import __version__
from looplint.config.selection import matching_codes

OUTPUT_FORMATS = ("text", "json", "sarif", "github", "gitlab")
STATISTICS_FORMATS = ("text", "json")
LOG_LEVELS = ("debug", "info", "warning", "error")
USAGE_ERROR = 2


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message}\n")


def build_parser() -> ArgumentParser:
    """The ``looplint`` parser; each subcommand sets ``command`` to its name."""
    parser = ArgumentParser(
        prog="looplint",
        description="Find and fix calls that start an asyncio event loop inside a running one.",
    )
    parser.add_argument(
        "--version", action="version", version=f"looplint {__version__}", help="show the version"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", help="one of:")
    _add_check(commands)
    _add_rule(commands)
    _add_server(commands)
    return parser


def _add_check(commands: argparse._SubParsersAction[ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="check Python files, folders and notebooks",
        description="Check Python files (.py, .pyi) and notebooks (.ipynb). Exit status: 0 clean, "
        "1 problems found (with --diff: fixes to apply), 2 usage, configuration or file errors "
        "(a file that could not be checked).",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders to check (default: the current folder); '-' reads stdin",
    )
    mode = check.add_mutually_exclusive_group()
    mode.add_argument("--fix", action="store_true", help="apply the safe fixes to the files")
    mode.add_argument(
        "--diff",
        action="store_true",
        help="show the safe fixes as a unified diff and change nothing (exit 1 if there are any)",
    )
    mode.add_argument(
        "--add-noqa",
        action="store_true",
        help="add '# noqa: CODE' comments that silence every current finding (to adopt "
        "looplint on an existing code base)",
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix: also apply each finding's unsafe fix, the choice its rule's "
        "documentation names (e.g. LOOP201: make the helper async, in every file it is called)",
    )
    check.add_argument(
        "--select",
        type=rule_selectors,
        metavar="CODES",
        help="comma-separated rule codes or prefixes to enable (ALL for every rule); "
        "replaces the configured list",
    )
    check.add_argument(
        "--ignore",
        type=rule_selectors,
        metavar="CODES",
        help="comma-separated rule codes or prefixes to disable; replaces the configured list",
    )
    check.add_argument(
        "--exclude",
        type=comma_separated,
        metavar="PATTERNS",
        help="comma-separated gitignore-style patterns to skip, replacing the default list",
    )
    check.add_argument(
        "--extend-exclude",
        type=comma_separated,
        metavar="PATTERNS",
        help="comma-separated gitignore-style patterns to skip as well",
    )
    check.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        default="text",
        help="how findings are printed: text (default), json, sarif, github (Actions "
        "annotations) or gitlab (Code Quality report)",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each rule has instead of the findings (text or json)",
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only findings and errors: no summary, no warnings",
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when problems are found (2 still means an error)",
    )
    check.add_argument(
        "--max-file-size-mb",
        type=positive_megabytes,
        metavar="MB",
        help="skip (and say so) files larger than this many megabytes (default: 2)",
    )
    check.add_argument(
        "--cache-dir",
        type=folder,
        metavar="DIR",
        help="keep the cache in this folder (default: $LOOPLINT_CACHE_DIR, else the cache-dir "
        "setting, else .looplint_cache in the project root)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the cache: analyze every file anew",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the path of the source read from stdin: names it in the output, finds its "
        "configuration and tells a notebook (.ipynb) from a module",
    )


def _add_rule(commands: argparse._SubParsersAction[ArgumentParser]) -> None:
    rule = commands.add_parser(
        "rule",
        help="show a rule's documentation",
        description="Show a rule's documentation (Markdown).",
    )
    which = rule.add_mutually_exclusive_group(required=True)
    which.add_argument("code", nargs="?", metavar="CODE", help="a rule code, e.g. LOOP101")
    which.add_argument("--all", action="store_true", help="every rule's documentation")


def _add_server(commands: argparse._SubParsersAction[ArgumentParser]) -> None:
    server = commands.add_parser(
        "server",
        help="start the language server",
        description="Start the language server (on stdio unless --tcp is given).",
    )
    server.add_argument("--tcp", type=host_and_port, metavar="HOST:PORT", help="listen on TCP")
    server.add_argument("--stdio", action="store_true", help="use stdio (the default)")
    server.add_argument("--log-file", metavar="PATH", help="also write logs to this file")
    server.add_argument(
        "--log-level",
        type=str.lower,
        choices=LOG_LEVELS,
        help="the least important log messages to write",
    )


def comma_separated(text: str) -> tuple[str, ...]:
    """``"a, b,"`` -> ``("a", "b")``."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


def rule_selectors(text: str) -> tuple[str, ...]:
    """Comma-separated rule codes or prefixes, each naming at least one rule."""
    selectors = comma_separated(text.upper())
    for selector in selectors:
        if not matching_codes(selector):
            raise argparse.ArgumentTypeError(f"unknown rule code or prefix {selector!r}")
    return selectors


def positive_megabytes(text: str) -> float:
    """``"2.5"`` -> ``2.5``; a size limit must be a positive number."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of megabytes, got {text!r}")
    return value


def folder(text: str) -> Path:
    """``"~/cache"`` -> the absolute path of that folder, which need not exist yet."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"expected the path of a folder, got {text!r}")
    return Path(text).expanduser().absolute()


def host_and_port(text: str) -> tuple[str, int]:
    """``"127.0.0.1:2087"`` -> ``("127.0.0.1", 2087)``."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host, int(port)
