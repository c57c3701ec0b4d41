"""A small project written to a folder, and its project index built the way the front ends
build it: every module's own starters first, then ``settle``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from textwrap import dedent

from looplint.engine import Edit, Finding, Fix, FixKind, analyze, apply_edits
from looplint.engine.analysis import analyze_module
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.project.settle import settle

ASYNCIO_RUN_ERROR = "`RuntimeError: asyncio.run() cannot be called from a running event loop`"

HELPERS = """
    import asyncio

    async def fetch_config(name):
        return {"name": name}

    def load_config(name):
        return asyncio.run(fetch_config(name))
    """

CLIENT = """
    import asyncio

    class Client:
        def load(self):
            return asyncio.run(work())
    """


class FixtureProject:
    """Files written under ``root``, and the project index over them."""

    def __init__(self, root: Path, files: Mapping[str, str] | None = None) -> None:
        self.root = root
        for relative, text in (files or {}).items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        self.modules = {
            path.relative_to(root).as_posix(): _module(root, path)
            for path in sorted(root.rglob("*.py"))
        }
        self.index = ProjectIndex(_read)
        for relative, module in self.modules.items():
            result = analyze_module(
                self.text(relative),
                module_name=module.name,
                is_package=module.is_package,
                summary_only=True,
            )
            self.index.add_module(module, result.starters)
        self.changed = settle(self.index)

    def path(self, relative: str) -> str:
        return self.modules[relative].path

    def text(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def findings(self, relative: str) -> list[Finding]:
        module = self.modules[relative]
        return analyze(
            self.text(relative),
            module_name=module.name,
            is_package=module.is_package,
            project=self.index,
        )

    def loop201(self, relative: str) -> list[Finding]:
        return [finding for finding in self.findings(relative) if finding.code == "LOOP201"]

    def only(self, relative: str) -> Finding:
        found = self.loop201(relative)
        assert len(found) == 1, f"expected one LOOP201 in {relative}, got {found}"
        return found[0]

    def everywhere(self) -> dict[str, list[int]]:
        """1-based lines of LOOP201 findings, per module that has any."""
        lines = {rel: [f.span.start.line + 1 for f in self.loop201(rel)] for rel in self.modules}
        return {relative: found for relative, found in lines.items() if found}

    def apply(self, fix: Fix, analyzed: str) -> set[str]:
        """Write a fix's edits (``path`` None = the analyzed module); the files changed."""
        by_path: dict[str, list[Edit]] = {}
        for edit in fix.edits:
            by_path.setdefault(edit.path or self.path(analyzed), []).append(edit)
        for path, edits in by_path.items():
            text = Path(path).read_text(encoding="utf-8")
            Path(path).write_text(apply_edits(text, edits), encoding="utf-8")
        return {Path(path).relative_to(self.root).as_posix() for path in by_path}


def _module(root: Path, path: Path) -> ProjectModule:
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ProjectModule(".".join(parts), str(path), is_package)


def _read(module: ProjectModule) -> str | None:
    try:
        return Path(module.path).read_text(encoding="utf-8")
    except OSError:
        return None


def of_kind(finding: Finding, kind: FixKind) -> Fix | None:
    return next((fix for fix in finding.fixes if fix.kind is kind), None)
