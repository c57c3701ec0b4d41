"""Locating cells' "source" values in notebook JSON text, and writing new ones in the same style."""

import json

from looplint.cli.notebook_json import cell_source_spans, render_source


def test_spans_point_at_each_cells_source_value() -> None:
    text = (
        '{"metadata": {"source": 1}, "cells": [{"source": ["a", "b"]}, {"x": []}, {"source": "c"}]}'
    )
    spans = cell_source_spans(text)
    assert [None if span is None else text[span[0] : span[1]] for span in spans] == [
        '["a", "b"]',
        None,
        '"c"',
    ]


def test_list_source_keeps_its_element_layout() -> None:
    text = '{\n "cells": [\n  {\n   "source": [\n    "a\\n",\n    "b"\n   ]\n  }\n ]\n}'
    [span] = cell_source_spans(text)
    new = render_source(text, span, "x\ny\nz")
    assert new == '[\n    "x\\n",\n    "y\\n",\n    "z"\n   ]'


def test_empty_list_gets_nbformat_layout() -> None:
    text = '{\n "cells": [\n  {\n   "source": []\n  }\n ]\n}'
    [span] = cell_source_spans(text)
    assert render_source(text, span, "x\ny") == '[\n    "x\\n",\n    "y"\n   ]'


def test_string_source_stays_a_string_and_ascii_stays_escaped() -> None:
    text = json.dumps({"cells": [{"source": "caf\u00e9"}]})
    [span] = cell_source_spans(text)
    assert render_source(text, span, "th\u00e9") == '"th\\u00e9"'
    unescaped = json.dumps({"cells": [{"source": "caf\u00e9"}]}, ensure_ascii=False)
    assert render_source(unescaped, cell_source_spans(unescaped)[0], "th\u00e9") == '"th\u00e9"'
