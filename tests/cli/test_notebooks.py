"""Notebooks: findings in the right cell (markdown cells counted), and --fix rewrites only the
"source" of the cells it changes, so every other byte of the file stays as it was."""

import json

from cli_project import CALL, Project, notebook

CELL_WITH_CALL = ["import asyncio\n", f'label = "état 🙂"; {CALL}\n', "print(label)"]
FIXED_CELL = ["import asyncio\n", 'label = "état 🙂"; await work()\n', "print(label)"]
CALL_COLUMN = CELL_WITH_CALL[1].index(CALL) + 1

NOTEBOOK = notebook(
    ("markdown", ["# Démo\n", "text"]),
    ("code", "x = 1"),
    ("raw", "raw text"),
    ("code", CELL_WITH_CALL),
)


def test_finding_is_in_its_cell_counting_markdown_cells(project: Project) -> None:
    project.write("nb.ipynb", NOTEBOOK)
    [finding] = project.run("check", "--output-format", "json").json()
    assert finding["path"] == "nb.ipynb"
    assert finding["cell"] == 3
    assert finding["range"] == {
        "start": {"line": 2, "column": CALL_COLUMN},
        "end": {"line": 2, "column": CALL_COLUMN + len(CALL)},
    }


def test_text_output_numbers_cells_from_1(project: Project) -> None:
    project.write("nb.ipynb", NOTEBOOK)
    result = project.run("check", "nb.ipynb")
    assert result.status == 1
    assert result.stdout.startswith(f"nb.ipynb:cell 4:2:{CALL_COLUMN}: ")


def test_fix_changes_only_the_edited_cell(project: Project) -> None:
    path = project.write("nb.ipynb", NOTEBOOK)
    result = project.run("check", "--fix", "nb.ipynb")
    assert result.status == 0
    expected = notebook(
        ("markdown", ["# Démo\n", "text"]),
        ("code", "x = 1"),
        ("raw", "raw text"),
        ("code", FIXED_CELL),
    )
    assert path.read_bytes() == expected.encode("utf-8")


def test_fix_keeps_an_unusual_layout_byte_for_byte(project: Project) -> None:
    # Two-space indent, CRLF, escaped non-ASCII, outputs after the source, a string source.
    cells = [
        {"cell_type": "markdown", "source": "# Title", "metadata": {}},
        {
            "metadata": {"tags": ["x"]},
            "cell_type": "code",
            "source": ["import asyncio\n", "asyncio.run(one())  # ünïcode\n"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["source\n"]}],
            "execution_count": 3,
        },
        {"cell_type": "code", "source": "asyncio.run(two())", "metadata": {}, "outputs": []},
    ]
    text = json.dumps({"nbformat": 4, "cells": cells, "nbformat_minor": 5}, indent=2)
    text = text.replace("\n", "\r\n")
    path = project.write("nb.ipynb", b"\xef\xbb\xbf" + text.encode())
    assert project.run("check", "--fix", "nb.ipynb").status == 0
    after = path.read_bytes()
    expected = text.replace(
        '"asyncio.run(one())  # \\u00fcn\\u00efcode\\n"', '"await one()  # \\u00fcn\\u00efcode\\n"'
    ).replace('"asyncio.run(two())"', '"await two()"')
    assert after == b"\xef\xbb\xbf" + expected.encode()


def test_fix_on_an_empty_source_list_is_a_no_op(project: Project) -> None:
    path = project.write("nb.ipynb", notebook(("code", []), ("code", ["x = 1"])))
    before = path.read_bytes()
    assert project.run("check", "--fix", "nb.ipynb").status == 0
    assert path.read_bytes() == before


def test_notebook_without_findings_is_byte_identical_after_fix(project: Project) -> None:
    text = notebook(("markdown", "# Title"), ("code", ["import asyncio\n", "await work()"]))
    path = project.write("nb.ipynb", text.replace("\n", "\r\n"))
    before = path.read_bytes()
    result = project.run("check", "--fix", "nb.ipynb")
    assert (result.status, result.stdout) == (0, "No problems found.\n")
    assert path.read_bytes() == before


def test_diff_shows_cells(project: Project) -> None:
    project.write("nb.ipynb", NOTEBOOK)
    result = project.run("check", "--diff", "nb.ipynb")
    assert result.status == 1
    assert result.stdout.splitlines()[:2] == ["--- nb.ipynb:cell 4", "+++ nb.ipynb:cell 4"]
    assert project.read("nb.ipynb") == NOTEBOOK


def test_invalid_notebook_is_one_line_and_others_are_still_checked(project: Project) -> None:
    project.write("broken.ipynb", '{"cells": [}')
    project.write("nb.ipynb", NOTEBOOK)
    result = project.run("check")
    assert result.status == 2
    assert result.stderr == (
        "looplint: error: broken.ipynb: invalid notebook JSON: "
        "Expecting value (line 1, column 12)\n"
    )
    assert "nb.ipynb:cell 4:" in result.stdout
