"""The example programs in `examples/` show what they say they show.

Each example's docstring describes its mistakes; the table below spells them out as the
(line, code) pairs `looplint check examples/` must report — no more, no fewer — and `--diff`
must touch exactly the files that have a safe fix.
"""

import ast
import shutil
from pathlib import Path

import pytest
from cli_project import Project

EXAMPLES = Path(__file__).parents[2] / "examples"

# file → (cell, line, code) of every finding, in order; cell is None outside notebooks.
EXPECTED: dict[str, list[tuple[int | None, int, str]]] = {
    "analysis.ipynb": [(4, 2, "LOOP301"), (6, 2, "LOOP301"), (6, 4, "LOOP301")],
    "batch_jobs.py": [
        (None, 53, "LOOP101"),
        (None, 57, "LOOP101"),
        (None, 58, "LOOP101"),
        (None, 64, "LOOP101"),
        (None, 70, "LOOP101"),
    ],
    "chat_bot.py": [
        (None, 32, "LOOP105"),
        (None, 37, "LOOP104"),
        (None, 52, "LOOP102"),
    ],
    "clean_service.py": [],
    "price_cache.py": [(None, 40, "LOOP102"), (None, 46, "LOOP403")],
    "seed_article.py": [
        (None, 26, "LOOP101"),
        (None, 34, "LOOP102"),
        (None, 40, "LOOP401"),
        (None, 41, "LOOP101"),
    ],
    "web_handlers.py": [
        (None, 42, "LOOP101"),
        (None, 47, "LOOP201"),
        (None, 52, "LOOP106"),
        (None, 58, "LOOP102"),
    ],
}
# Examples whose findings include no safe fix: `--diff` must leave them alone.
WITHOUT_SAFE_FIX = {"clean_service.py"}


@pytest.fixture
def examples(project: Project) -> Project:
    """A copy of `examples/`, so that nothing a test runs can change the real one."""
    shutil.copytree(EXAMPLES, project.root / "examples")
    return project


def test_every_example_has_an_expectation() -> None:
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".py", ".ipynb"}) == sorted(
        EXPECTED
    )


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.endswith(".py")))
def test_each_python_example_documents_the_codes_it_shows(name: str) -> None:
    docstring = ast.get_docstring(ast.parse((EXAMPLES / name).read_text(encoding="utf-8")))
    assert docstring, f"{name} has no docstring"
    for code in {code for _, _, code in EXPECTED[name]}:
        assert code in docstring, f"{name}'s docstring does not mention {code}"


def test_check_reports_exactly_the_expected_findings_per_file(examples: Project) -> None:
    result = examples.run("check", "--output-format", "json", "examples/")
    assert result.status == 1
    found: dict[str, list[tuple[int | None, int, str]]] = {name: [] for name in EXPECTED}
    for finding in result.json():
        name = finding["path"].removeprefix("examples/")
        found[name].append((finding["cell"], finding["range"]["start"]["line"], finding["code"]))
    assert found == EXPECTED


def test_the_cross_function_example_has_its_chain_and_safe_fix(examples: Project) -> None:
    findings = examples.run("check", "--output-format", "json", "examples/").json()
    [finding] = [f for f in findings if f["code"] == "LOOP201"]
    assert "(get_customer → load_customer → asyncio.run())" in finding["message"]
    assert [(step["path"], step["range"]["start"]["line"]) for step in finding["related"]] == [
        ("examples/web_handlers.py", 32)
    ]
    [safe] = [fix for fix in finding["fixes"] if fix["safe"]]
    assert [edit["new_text"] for edit in safe["edits"]] == [
        'await fetch_customer(int(request.match_info["customer_id"]))'
    ]


def test_diff_changes_only_the_files_with_safe_fixes(examples: Project) -> None:
    before = {p: p.read_bytes() for p in (examples.root / "examples").iterdir()}
    result = examples.run("check", "--diff", "examples/")
    assert result.status == 1
    headers = [line for line in result.stdout.splitlines() if line.startswith("--- ")]
    changed = {header.removeprefix("--- examples/").split(":")[0] for header in headers}
    assert changed == set(EXPECTED) - WITHOUT_SAFE_FIX
    assert {p: p.read_bytes() for p in (examples.root / "examples").iterdir()} == before


def test_files_with_safe_fixes_are_those_whose_findings_offer_one(examples: Project) -> None:
    findings = examples.run("check", "--output-format", "json", "examples/").json()
    with_safe_fix = {
        f["path"].removeprefix("examples/") for f in findings if any(x["safe"] for x in f["fixes"])
    }
    assert with_safe_fix == set(EXPECTED) - WITHOUT_SAFE_FIX
