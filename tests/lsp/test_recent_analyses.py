"""Only the documents analyzed last keep their incremental analysis (and its syntax tree)."""

from looplint.lsp.recent_analyses import RecentAnalyses


def test_a_document_keeps_its_analysis_while_it_is_among_the_recent_ones() -> None:
    recent = RecentAnalyses(kept=2)
    first = recent.of("file:///a.py")
    recent.of("file:///b.py")
    assert recent.of("file:///a.py") is first


def test_the_least_recent_document_loses_its_analysis() -> None:
    recent = RecentAnalyses(kept=2)
    first = recent.of("file:///a.py")
    recent.of("file:///b.py")
    recent.of("file:///c.py")
    assert recent.of("file:///a.py") is not first


def test_a_closed_document_loses_its_analysis() -> None:
    recent = RecentAnalyses(kept=2)
    first = recent.of("file:///a.py")
    recent.forget("file:///a.py")
    assert recent.of("file:///a.py") is not first
