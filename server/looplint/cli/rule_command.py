"""``looplint rule CODE``: a rule's documentation, the same text the editor shows on hover."""

from __future__ import annotations

import argparse
import sys

from looplint.engine import RULES

UNKNOWN_RULE = 2


def run_rule(args: argparse.Namespace) -> int:
    if args.all:
        print("\n\n".join(rule.documentation.rstrip("\n") for rule in RULES.values()))
        return 0
    rule = RULES.get(args.code.upper())
    if rule is None:
        known = ", ".join(RULES)
        print(f"looplint rule: error: unknown rule {args.code!r} (known: {known})", file=sys.stderr)
        return UNKNOWN_RULE
    print(rule.documentation.rstrip("\n"))
    return 0
