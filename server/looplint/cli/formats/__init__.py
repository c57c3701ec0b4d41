"""The output formats of ``looplint check``: text for people, json / sarif / github for tools.

Every format shows lines and columns 1-based, columns counted in Unicode code points; in a
notebook they are relative to the cell.
"""

from __future__ import annotations

from collections.abc import Callable

from looplint.cli.formats import github_format, json_format, sarif_format, text_format
from looplint.cli.formats.report import Report

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": text_format.render,
    "json": json_format.render,
    "sarif": sarif_format.render,
    "github": github_format.render,
}

__all__ = ["RENDERERS", "Report"]
