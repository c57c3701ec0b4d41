"""Every rule's code, name, default severity and documentation: the one source for all of them.

The CLI (``looplint rule``), the README table, the language server's hover and
``codeDescription`` links all read from here; ``docs/<CODE>.md`` holds the long text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from looplint.engine.findings import Severity

DOCS_URL = "https://github.com/looplint/looplint/blob/main/docs/rules.md"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    summary: str
    default_severity: Severity
    opt_in: bool = False
    """A style hint rather than a failure: it runs only when ``select`` names it."""

    @property
    def url(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}-{self.name}"

    @property
    def documentation(self) -> str:
        """The rule's Markdown documentation (what it does, why it fails, example, fix)."""
        return _read_doc(self.code)

    @property
    def why(self) -> str:
        """Why the flagged code fails, in a sentence or two: the paragraph under the doc's title.

        Kept in the documentation itself so the hover's short text and the full rule agree.
        """
        paragraph = self.documentation.split("\n\n", 2)[1]
        return " ".join(paragraph.split())


@cache
def _read_doc(code: str) -> str:
    return resources.files(__package__).joinpath("docs", f"{code}.md").read_text("utf-8")


_RULE_LIST = (
    Rule(
        "LOOP001",
        "invalid-syntax",
        "a syntax error: Python rejects the file, so it is not (fully) analyzed",
        Severity.ERROR,
    ),
    Rule(
        "LOOP101",
        "asyncio-run-in-loop",
        "`asyncio.run()` (or `Runner.run()`, `uvloop.run()`) called while a loop is running",
        Severity.ERROR,
    ),
    Rule(
        "LOOP102",
        "run-until-complete-in-loop",
        "`loop.run_until_complete()` called while a loop is running",
        Severity.ERROR,
    ),
    Rule(
        "LOOP103",
        "run-forever-in-loop",
        "`loop.run_forever()`, `IOLoop.start()` or `reactor.run()` called while a loop is running",
        Severity.ERROR,
    ),
    Rule(
        "LOOP104",
        "third-party-loop-starter-in-loop",
        "a library call that starts its own event loop, made while a loop is running",
        Severity.ERROR,
    ),
    Rule(
        "LOOP105",
        "threadsafe-result-on-running-loop",
        "`run_coroutine_threadsafe(...).result()` (or a future a callback on this loop completes)"
        " blocks the loop it waits for",
        Severity.ERROR,
    ),
    Rule(
        "LOOP106",
        "coroutine-function-in-thread",
        "an `async def` handed to a thread (`to_thread`, `run_in_executor`, `submit`)",
        Severity.ERROR,
    ),
    Rule(
        "LOOP201",
        "sync-call-starts-loop",
        "a sync function that starts an event loop (at any call depth), called while a loop runs",
        Severity.WARNING,
    ),
    Rule(
        "LOOP301",
        "loop-start-in-notebook-cell",
        "a loop starter at the top level of a notebook cell, where the kernel's loop is running",
        Severity.ERROR,
    ),
    Rule(
        "LOOP401",
        "nest-asyncio-apply",
        "`nest_asyncio.apply()` patches asyncio for the whole process",
        Severity.WARNING,
    ),
    Rule(
        "LOOP402",
        "get-event-loop-in-coroutine",
        "`asyncio.get_event_loop()` inside a coroutine: use `get_running_loop()`",
        Severity.HINT,
        opt_in=True,
    ),
    Rule(
        "LOOP403",
        "close-running-loop",
        "`loop.close()` on the loop that is running",
        Severity.ERROR,
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULE_LIST}
DEFAULT_SELECTION: frozenset[str] = frozenset(rule.code for rule in _RULE_LIST if not rule.opt_in)
"""The rules that run when ``select`` is not set: every rule that finds a failure."""
