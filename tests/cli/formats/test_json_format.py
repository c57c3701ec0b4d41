"""The JSON format names an edit's cell only when it differs from its finding's cell."""

import json
from pathlib import Path

from looplint.cli.file_check import CheckOutcome, Mode
from looplint.cli.formats import Report, json_format
from looplint.engine import Edit, Finding, Fix, FixKind, Position, Severity, Span

SPAN = Span(Position(0, 0), Position(0, 19))


def test_edit_in_another_cell_carries_its_cell() -> None:
    gather = Fix(
        "Run both with `asyncio.gather`",
        False,
        FixKind.GATHER,
        (Edit(SPAN, "a, b = await asyncio.gather(x(), y())", 2), Edit(SPAN, "", 3)),
    )
    finding = Finding("LOOP301", Severity.ERROR, "message", SPAN, (gather,), cell=2)
    outcome = CheckOutcome(Path("nb.ipynb"), (finding,))
    [described] = json.loads(json_format.render(Report([outcome], Mode.CHECK)))
    assert described["cell"] == 2
    edits = described["fixes"][0]["edits"]
    assert ["cell" in edit for edit in edits] == [False, True]
    assert edits[1]["cell"] == 3
    assert edits[0]["range"] == {
        "start": {"line": 1, "column": 1},
        "end": {"line": 1, "column": 20},
    }
