"""Choice fixes that add concurrency: ``asyncio.gather`` and ``asyncio.create_task``."""

from __future__ import annotations

from looplint.engine.document import Document, Draft


def add_concurrency_fixes(document: Document, drafts: list[Draft]) -> None:
    """Attach gather, create_task and list-comprehension choices where they apply."""
