"""Entry point of the ``looplint`` command: parse the arguments and run the subcommand.

A configuration error ends the command with one line on stderr and exit status 2, never a
traceback. ``server`` imports the language server only when asked, so ``check`` never loads
pygls.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from looplint.cli.arguments import USAGE_ERROR, build_parser
from looplint.config import ConfigError


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``looplint`` with ``argv`` (default: the process's arguments); return the exit status."""
    _tolerate_unencodable_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # bare `looplint`: how to use it, as a usage error
        parser.print_usage(sys.stderr)
        print("looplint: error: a command is required (check, rule or server)", file=sys.stderr)
        return USAGE_ERROR
    try:
        return _run(args)
    except ConfigError as error:
        print(f"looplint: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:  # `looplint check | head`: the reader left, nothing more to say
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        from looplint.cli.check_command import run_check

        return run_check(args)
    if args.command == "rule":
        from looplint.cli.rule_command import run_rule

        return run_rule(args)
    from looplint.lsp import serve

    return serve(tcp=args.tcp, log_file=args.log_file, log_level=args.log_level)


def _tolerate_unencodable_output() -> None:
    """Show characters the terminal cannot encode as escapes instead of failing on them."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
