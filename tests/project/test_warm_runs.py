"""A run that resumes from the cache reports exactly what a run from scratch reports, whatever
changed since: an edit that only changes a file's own text (a comment), the ends of chains
rewritten one file at a time to start a loop or stop starting one, files rewritten into
another project (helpers that start a loop or stop starting one, imports that move,
modules added and removed, other layouts), and at the end the other project's truth — the
calls that fail when Python runs it."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from .expected_findings import unlike_expected
from .generated_projects import (
    TAILS,
    GeneratedProject,
    Shape,
    build,
    generated_settings,
    listing,
    shapes,
    write_files,
)
from .reported_findings import CLI, Reported, cli_findings

COMMENT = "# edited: nothing the other modules see\n"


def check(root: Path, *options: str) -> list[Reported]:
    completed = subprocess.run([*CLI, *options], cwd=root, capture_output=True, timeout=300)
    return cli_findings(completed, root)


def warm_and_cold(root: Path) -> tuple[list[Reported], list[Reported]]:
    return check(root), check(root, "--no-cache")


def rewrite(root: Path, paths: list[str], into: GeneratedProject) -> None:
    """Give each of ``paths`` its text in ``into``, or remove it (and the folders it leaves
    empty) when ``into`` has none."""
    for path in paths:
        if path in into.files:
            write_files({path: into.files[path]}, root)
            continue
        (root / path).unlink(missing_ok=True)
        for folder in (root / path).parents:
            if folder == root or any(folder.iterdir()):
                break
            folder.rmdir()


@generated_settings(examples=6, fuzz_examples=150)
@given(start=shapes(), end=shapes(), data=st.data())
def test_a_warm_run_reports_what_a_cold_run_does_after_any_edits(
    start: Shape, end: Shape, data: st.DataObject
) -> None:
    before, after = build(start), build(end)
    tails = data.draw(st.tuples(*(st.sampled_from(TAILS) for _ in start.tails)), label="tails")
    ending_otherwise = build(replace(start, tails=tails))
    commented = data.draw(st.sampled_from(sorted(before.files)), label="commented")
    edited = data.draw(st.permutations(changed_between(before, ending_otherwise)), label="edited")
    changes = data.draw(
        st.permutations(sorted(set(before.files) | set(after.files))), label="changes"
    )
    half = len(changes) // 2
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve()
        write_files(before.files, root)
        check(root)  # fills the cache

        with (root / commented).open("a", encoding="utf-8") as file:
            file.write(COMMENT)
        warm, cold = warm_and_cold(root)
        assert warm == cold, f"after a comment in {commented}:\n{listing(before.files)}"

        for path in edited:  # the same modules; one chain's end at a time starts a loop or not
            rewrite(root, [path], ending_otherwise)
            warm, cold = warm_and_cold(root)
            assert warm == cold, f"after rewriting {path} into:\n{listing(ending_otherwise.files)}"
        problem = unlike_expected("a warm run", warm, ending_otherwise.expected) if edited else ""
        assert not problem, f"{problem}\n{listing(ending_otherwise.files)}"

        rewrite(root, changes[:half], after)
        warm, cold = warm_and_cold(root)
        assert warm == cold, f"after rewriting {changes[:half]} into:\n{listing(after.files)}"

        rewrite(root, changes[half:], after)
        warm, cold = warm_and_cold(root)

    assert warm == cold, f"after rewriting everything into:\n{listing(after.files)}"
    problem = unlike_expected("a warm run", warm, after.expected)
    assert not problem, f"{problem}\n{listing(after.files)}"


def changed_between(before: GeneratedProject, after: GeneratedProject) -> list[str]:
    """The paths whose text differs (or that only one of the projects has)."""
    paths = set(before.files) | set(after.files)
    return sorted(path for path in paths if before.files.get(path) != after.files.get(path))
