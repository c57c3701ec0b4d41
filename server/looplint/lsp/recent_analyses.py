"""The incremental analyses of the documents edited last.

An ``IncrementalAnalysis`` keeps its document's syntax tree, which is the size of the text
many times over (some 20 MB for 15,000 lines), so only the few documents analyzed last keep
one: the ones being typed in. Any other document is analyzed whole, as after opening it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from looplint.engine.incremental import IncrementalAnalysis

KEPT_DOCUMENTS = 2
"""Documents whose last analysis is kept: the one being typed in, and one more to switch to."""


class RecentAnalyses:
    """An ``IncrementalAnalysis`` per recently analyzed document (any thread)."""

    def __init__(self, kept: int = KEPT_DOCUMENTS) -> None:
        self._kept = kept
        self._analyses: OrderedDict[str, IncrementalAnalysis] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, uri: str) -> IncrementalAnalysis:
        """The document's incremental analysis, made the most recent (another's is dropped)."""
        with self._lock:
            analysis = self._analyses.pop(uri, None) or IncrementalAnalysis()
            self._analyses[uri] = analysis
            while len(self._analyses) > self._kept:
                self._analyses.popitem(last=False)
            return analysis

    def forget(self, uri: str) -> None:
        """The document was closed: its tree is no longer needed."""
        with self._lock:
            self._analyses.pop(uri, None)
