"""Typing does not grow the server: pygls 2.1 keeps a future per notification it handles
(about 2 KB a keystroke, 46 -> 112 MB over 20,000 edits); the server forgets each once done."""

from __future__ import annotations

import os
from pathlib import Path

from .stdio_client import PULLING_CLIENT, Session

FUZZ = os.environ.get("LOOPLINT_FUZZ") == "1"
EDITS = 100_000 if FUZZ else 20_000
WARM_UP = 1_000
ALLOWED_GROWTH_KB = 10 * 1024


def resident_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def type_and_erase(session: Session, uri: str, edits: range) -> None:
    """One character typed, then erased, and so on; answered once all are handled."""
    for version in edits:
        typed = version % 2 == 0
        end = {"line": 0, "character": 1 if not typed else 0}
        change = {"range": {"start": {"line": 0, "character": 0}, "end": end}}
        session.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{**change, "text": "x" if typed else ""}],
            },
        )
    session.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})


def test_resident_memory_stays_flat_over_20000_edits() -> None:
    session = Session(PULLING_CLIENT, log_level="warning")
    uri = "file:///looplint-tests/memory/typing.py"
    item = {"uri": uri, "languageId": "python", "version": 1, "text": "pass\n"}
    session.notify("textDocument/didOpen", {"textDocument": item})

    type_and_erase(session, uri, range(2, 2 + WARM_UP))
    warm = resident_kb(session.server.pid)
    type_and_erase(session, uri, range(2 + WARM_UP, 2 + EDITS))
    after = resident_kb(session.server.pid)
    log = session.close()
    print(f"\nresident memory: {warm} kB after {WARM_UP} edits, {after} kB after {EDITS}")

    assert after - warm <= ALLOWED_GROWTH_KB, f"{warm} kB -> {after} kB after {EDITS} edits"
    assert b"Traceback" not in log
