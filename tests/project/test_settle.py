"""Settling the project index: the modules that may call a starter that changed are analyzed
again, with the index, round after round until no starter changes.

Each test builds an index over module texts held in memory, the way the front ends do: every
module's own starters first (``analyze_module``), then ``settle``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from looplint.engine import RuleSettings
from looplint.engine.analysis import analyze_module
from looplint.engine.callgraph import LoopStart
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.engine.settings import DEFAULT_SETTINGS
from looplint.project.settle import SettingsFor, settle, summarize, summarize_here

BASE = "import asyncio\n\ndef c():\n    return asyncio.run(work())\n"
LOW = "from base import c\n\ndef b():\n    return c()\n"
MID = "from low import b\n\ndef a():\n    return b()\n"
APP = "from mid import a\n\nasync def handler():\n    return a()\n"
CHAIN = {"base": BASE, "low": LOW, "mid": MID, "app": APP}


class MemoryProject:
    """Modules whose texts are held here, and the index over them (not settled yet)."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)
        self.modules = {name: ProjectModule(name, f"{name}.py") for name in texts}
        self.index = ProjectIndex(lambda module: self.texts.get(module.name))
        for name in texts:
            self.add(name)
        self.rounds: list[list[str]] = []

    def add(self, name: str) -> None:
        """What a front end does when it reads a module's text: its own starters."""
        self.index.forget_text(name)
        own = analyze_module(self.texts[name], module_name=name, summary_only=True).starters
        self.index.add_module(self.modules[name], own)

    def settle(self, settings_for: SettingsFor = lambda module: DEFAULT_SETTINGS) -> set[str]:
        """``settle``, noting the modules each round analyzes."""
        return settle(self.index, settings_for, self.summarize_noting_rounds)

    def summarize_noting_rounds(
        self, index: ProjectIndex, modules: Sequence[ProjectModule], settings_for: SettingsFor
    ) -> list[Mapping[str, LoopStart] | None]:
        self.rounds.append([module.name for module in modules])
        return summarize_here(index, modules, settings_for)


def test_each_round_analyzes_the_callers_of_what_the_last_one_changed() -> None:
    project = MemoryProject(CHAIN)
    assert set(project.index) == {"base.c"}
    assert project.settle() == {"low", "mid"}
    assert project.rounds == [["low"], ["mid"], ["app"]]
    assert set(project.index) == {"base.c", "low.b", "mid.a"}
    chain = project.index["mid.a"].chain()
    assert [step.function for step in chain] == ["mid.a", "low.b", "base.c"]


def test_a_settled_index_settles_again_without_analyzing_anything() -> None:
    project = MemoryProject(CHAIN)
    project.settle()
    project.rounds.clear()
    assert project.settle() == set()
    assert project.rounds == []


def test_the_default_analyzes_the_same_modules_with_the_same_outcome() -> None:
    noted, default = MemoryProject(CHAIN), MemoryProject(CHAIN)
    assert settle(default.index) == noted.settle()
    assert dict(default.index) == dict(noted.index)


def test_a_cycle_between_modules_without_a_loop_start_ends() -> None:
    project = MemoryProject(
        {
            "ping": "import pong\n\ndef ping(n):\n    return pong.pong(n - 1) if n else 0\n",
            "pong": "import ping\n\ndef pong(n):\n    return ping.ping(n - 1) if n else 1\n",
        }
    )
    assert (project.settle(), project.rounds, len(project.index)) == (set(), [], 0)


def test_a_cycle_between_modules_with_a_loop_start_ends_with_both_starters() -> None:
    project = MemoryProject(
        {
            "ping": "import pong\n\ndef ping(n):\n    return pong.pong(n - 1)\n",
            "pong": "import asyncio\nimport ping\n\n"
            "def pong(n):\n    return ping.ping(n) if n else asyncio.run(work())\n",
        }
    )
    assert project.settle() == {"ping"}
    assert set(project.index) == {"ping.ping", "pong.pong"}


def test_a_starter_that_stops_starting_a_loop_clears_the_chains_through_it() -> None:
    project = MemoryProject(CHAIN)
    project.settle()
    project.texts["base"] = "def c():\n    return 0\n"
    project.add("base")
    project.rounds.clear()
    assert project.settle() == {"low", "mid"}
    assert len(project.index) == 0
    # Both went through `base.c`; `mid`, analyzed while `low.b` still stood, needs a second
    # round; the last one finds no module left to analyze.
    assert project.rounds == [["low", "mid"], ["mid"], []]


def test_a_starter_that_appears_after_an_edit_reaches_its_callers() -> None:
    project = MemoryProject({**CHAIN, "base": "def c():\n    return 0\n"})
    assert (project.settle(), len(project.index)) == (set(), 0)
    project.texts["base"] = BASE
    project.add("base")
    assert project.settle() == {"low", "mid"}
    assert "mid.a" in project.index


def test_removing_a_module_forgets_the_starters_that_went_through_it() -> None:
    project = MemoryProject(CHAIN)
    project.settle()
    project.index.remove_module("base")
    assert project.settle() == {"low", "mid"}
    assert len(project.index) == 0


def test_each_module_is_summarized_with_its_own_settings() -> None:
    """A module where LOOP201 is off does not link its calls: it starts no loop, nor do its
    callers."""
    project = MemoryProject(CHAIN)
    without_loop201 = RuleSettings(enabled=DEFAULT_SETTINGS.enabled - {"LOOP201"})
    changed = project.settle(
        lambda module: without_loop201 if module.name == "mid" else DEFAULT_SETTINGS
    )
    assert changed == {"low"}
    assert set(project.index) == {"base.c", "low.b"}


def test_a_module_whose_text_cannot_be_read_is_not_analyzed() -> None:
    project = MemoryProject(CHAIN)
    del project.texts["low"]
    assert summarize(project.index, project.modules["low"], DEFAULT_SETTINGS) is None
    assert project.settle() == set()
    assert project.rounds == [[]]
    assert set(project.index) == {"base.c"}
