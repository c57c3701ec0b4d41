"""The output formats of ``looplint check``: text for people, json / sarif / github for tools.

Every format shows lines and columns 1-based, columns counted in Unicode code points; in a
notebook, text and json count them in the cell, sarif, github and gitlab in the ``.ipynb`` file.
``--statistics`` replaces the findings with counts per rule (text or json).
"""

from __future__ import annotations

from collections.abc import Callable

from looplint.cli.formats import (
    github_format,
    gitlab_format,
    json_format,
    sarif_format,
    statistics,
    text_format,
)
from looplint.cli.formats.report import Report

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": text_format.render,
    "json": json_format.render,
    "sarif": sarif_format.render,
    "github": github_format.render,
    "gitlab": gitlab_format.render,
}
STATISTICS_RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": statistics.render_text,
    "json": statistics.render_json,
}

__all__ = ["RENDERERS", "STATISTICS_RENDERERS", "Report"]
