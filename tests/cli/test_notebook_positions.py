"""In SARIF, GitHub and GitLab output a notebook finding points into the ``.ipynb`` file: the
JSON line holding its cell line, at the column where the call's text is encoded there (escapes
counted), with the cell index kept aside (SARIF ``properties.cell``, a "cell N:" prefix)."""

import json
import re

import pytest
from cli_project import CALL, Project, notebook

# Escapes before the call on its line: \" and \\t and, with ensure_ascii, \u00e9 and a
# surrogate pair for the emoji, so JSON columns differ from cell columns.
LINE_WITH_CALL = f'label = "é\\t🙂"; {CALL}\n'
LIST_CELL = ["import asyncio\n", LINE_WITH_CALL, "print(label)"]
STRING_CELL = "import asyncio\n\n" + LINE_WITH_CALL


def notebooks() -> dict[str, str]:
    cells = (("markdown", ["# Démo\n"]), ("code", LIST_CELL), ("code", STRING_CELL))
    return {
        "unicode.ipynb": notebook(*cells),
        "ascii.ipynb": notebook(*cells, ensure_ascii=True),
        "crlf.ipynb": notebook(*cells).replace("\n", "\r\n"),
    }


def located_text(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The JSON text between two 1-based positions of the file, decoded as a JSON string."""
    lines = re.split(r"\r\n|\r|\n", text)
    assert line == end_line
    return json.loads('"' + lines[line - 1][column - 1 : end_column - 1] + '"')


@pytest.mark.parametrize("name", notebooks())
def test_sarif_region_is_the_call_in_the_json_text(project: Project, name: str) -> None:
    text = notebooks()[name]
    project.write(name, text)
    [run] = project.run("check", "--output-format", "sarif", name).json()["runs"]
    assert [result["properties"] for result in run["results"]] == [{"cell": 1}, {"cell": 2}]
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        where = (region[key] for key in ("startLine", "startColumn", "endLine", "endColumn"))
        assert located_text(text, *where) == CALL
        assert "fixes" not in result  # a cell edit is not an edit of the JSON text


@pytest.mark.parametrize("name", notebooks())
def test_github_annotation_is_at_the_call_in_the_json_text(project: Project, name: str) -> None:
    text = notebooks()[name]
    project.write(name, text)
    annotations = project.run("check", "--output-format", "github", name).stdout.splitlines()
    assert len(annotations) == 2
    for annotation, cell in zip(annotations, (2, 3), strict=True):
        properties = dict(item.split("=", 1) for item in annotation.split(" ", 1)[1].split(","))
        where = (int(properties[key]) for key in ("line", "col", "endLine", "endColumn"))
        assert located_text(text, *where) == CALL
        assert annotation.split("::")[2].startswith(f"cell {cell}: ")


def test_gitlab_location_is_the_json_line(project: Project) -> None:
    text = notebooks()["ascii.ipynb"]
    project.write("nb.ipynb", text)
    issues = project.run("check", "--output-format", "gitlab", "nb.ipynb").json()
    for issue in issues:
        begin, end = issue["location"]["positions"]["begin"], issue["location"]["positions"]["end"]
        assert issue["location"]["lines"] == {"begin": begin["line"], "end": end["line"]}
        assert (
            located_text(text, begin["line"], begin["column"], end["line"], end["column"]) == CALL
        )


def test_positions_follow_the_file_after_fix(project: Project) -> None:
    """What --fix leaves is placed in the fixed file (a LOOP401 after a fixed LOOP301)."""
    cell = ["import asyncio, nest_asyncio\n", f"{CALL}; nest_asyncio.apply()\n"]
    project.write("nb.ipynb", notebook(("code", cell)))
    result = project.run("check", "--fix", "--output-format", "sarif", "nb.ipynb")
    [finding] = result.json()["runs"][0]["results"]
    region = finding["locations"][0]["physicalLocation"]["region"]
    where = (region[key] for key in ("startLine", "startColumn", "endLine", "endColumn"))
    assert located_text(project.read("nb.ipynb"), *where) == "nest_asyncio.apply()"


def test_text_and_json_stay_cell_relative(project: Project) -> None:
    project.write("nb.ipynb", notebooks()["ascii.ipynb"])
    first = project.run("check", "--output-format", "json", "nb.ipynb").json()[0]
    assert first["cell"] == 1
    assert first["range"]["start"] == {"line": 2, "column": LINE_WITH_CALL.index(CALL) + 1}


def test_other_cells_with_odd_sources_do_not_get_in_the_way(project: Project) -> None:
    document = json.loads(notebook(("markdown", "# t"), ("raw", "x"), ("code", LIST_CELL)))
    document["cells"][0]["source"] = 5
    document["cells"][1]["source"] = [1, "a"]
    text = json.dumps(document)  # one line: every position is on line 1
    project.write("nb.ipynb", text)
    result = project.run("check", "--output-format", "github", "nb.ipynb")
    assert result.stderr == ""
    properties = dict(item.split("=", 1) for item in result.stdout.split(" ", 1)[1].split(","))
    where = (int(properties[key]) for key in ("line", "col", "endLine", "endColumn"))
    assert located_text(text, *where) == CALL
