"""The scheduler: an edit is analyzed once the debounce has passed, never sooner, and only its
latest version is delivered."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from looplint.lsp.analysis_scheduler import AnalysisScheduler

DEBOUNCE = 0.05


@dataclass(frozen=True)
class Snapshot:
    uri: str
    version: int


@dataclass(frozen=True)
class Result:
    snapshot: Snapshot
    started_at: float


class Document:
    """One document being edited; its analyses record when they started."""

    def __init__(self) -> None:
        self.version = 1
        self.delivered: list[Result] = []

    def snapshot(self, uri: str) -> Snapshot:
        return Snapshot(uri, self.version)

    def analyze(self, snapshot: Snapshot) -> Result:
        return Result(snapshot, time.monotonic())


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=1) as executor:
        yield executor


def scheduler_for(
    document: Document, executor: ThreadPoolExecutor
) -> AnalysisScheduler[Snapshot, Result]:
    return AnalysisScheduler(
        executor, document.snapshot, document.analyze, document.delivered.append, lambda: 10.0
    )


async def test_an_edit_is_analyzed_no_sooner_than_the_debounce_after_it(
    executor: ThreadPoolExecutor,
) -> None:
    document = Document()
    scheduler = scheduler_for(document, executor)
    for _ in range(20):
        edited_at = time.monotonic()
        scheduler.schedule("file:///a.py", DEBOUNCE)
        result = await scheduler.current("file:///a.py")
        assert result is not None
        assert result.started_at >= edited_at + DEBOUNCE


async def test_only_the_latest_of_quick_edits_is_delivered(executor: ThreadPoolExecutor) -> None:
    document = Document()
    scheduler = scheduler_for(document, executor)
    for version in range(1, 6):
        document.version = version
        scheduler.schedule("file:///a.py", DEBOUNCE)
        await asyncio.sleep(DEBOUNCE / 10)
    result = await scheduler.current("file:///a.py")
    assert result is not None and result.snapshot.version == 5
    assert [r.snapshot.version for r in document.delivered] == [5]
