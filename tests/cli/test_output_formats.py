"""The machine formats: exact 1-based ranges in code points, on a line with non-ASCII text."""

from cli_project import CALL, CALL_COLUMN, CALL_LINE, STARTS_A_LOOP, Project
from looplint.engine import RULES

CALL_RANGE = {
    "start": {"line": CALL_LINE, "column": CALL_COLUMN},
    "end": {"line": CALL_LINE, "column": CALL_COLUMN + len(CALL)},
}


def test_json_lists_findings_with_ranges_and_fixes(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--output-format", "json", "app.py")
    assert result.status == 1
    [finding] = result.json()
    assert finding["path"] == "app.py"
    assert finding["code"] == "LOOP101"
    assert finding["severity"] == "error"
    assert finding["cell"] is None
    assert finding["range"] == CALL_RANGE
    safe = [fix for fix in finding["fixes"] if fix["safe"]]
    assert safe[0]["edits"] == [{"range": CALL_RANGE, "new_text": "await work()"}]


def test_json_of_a_clean_project_is_an_empty_list(project: Project) -> None:
    project.write("app.py", "print('hi')\n")
    result = project.run("check", "--output-format", "json")
    assert (result.status, result.json()) == (0, [])


def test_sarif_describes_every_rule_and_locates_results(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    sarif = project.run("check", "--output-format", "sarif").json()
    assert sarif["version"] == "2.1.0"
    [run] = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    assert all(rule["helpUri"] == RULES[rule["id"]].url for rule in rules)
    assert run["columnKind"] == "unicodeCodePoints"
    [result] = run["results"]
    assert (result["ruleId"], result["level"]) == ("LOOP101", "error")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "app.py"}
    assert location["region"] == {
        "startLine": CALL_LINE,
        "startColumn": CALL_COLUMN,
        "endLine": CALL_LINE,
        "endColumn": CALL_COLUMN + len(CALL),
    }
    [replacement] = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["insertedContent"] == {"text": "await work()"}
    assert replacement["deletedRegion"] == location["region"]


def test_github_annotations(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    result = project.run("check", "--output-format", "github")
    assert result.status == 1
    assert result.stdout.startswith(
        f"::error file=app.py,line={CALL_LINE},col={CALL_COLUMN},endLine={CALL_LINE},"
        f"endColumn={CALL_COLUMN + len(CALL)},title=looplint (LOOP101)::"
    )
    assert result.stdout.count("\n") == 1


def test_configured_severity_shows_in_every_format(project: Project) -> None:
    project.write("pyproject.toml", '[tool.looplint]\nseverity = { LOOP101 = "hint" }\n')
    project.write("app.py", STARTS_A_LOOP)
    assert "LOOP101 [hint]" in project.run("check").stdout
    assert project.run("check", "--output-format", "json").json()[0]["severity"] == "hint"
    assert project.run("check", "--output-format", "github").stdout.startswith("::notice ")
    sarif = project.run("check", "--output-format", "sarif").json()
    assert sarif["runs"][0]["results"][0]["level"] == "note"
