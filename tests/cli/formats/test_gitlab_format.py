"""GitLab Code Quality: the fields GitLab reads, severities it knows, stable fingerprints."""

from cli_project import CALL, CALL_COLUMN, CALL_LINE, CLEAN, STARTS_A_LOOP, Project

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_issue_fields(project: Project) -> None:
    project.write("src/app.py", STARTS_A_LOOP)
    result = project.run("check", "--output-format", "gitlab")
    assert result.status == 1
    [issue] = result.json()
    assert issue["check_name"] == "LOOP101"
    assert issue["description"].startswith("LOOP101 `asyncio.run()`")
    assert issue["severity"] == "critical"
    assert issue["location"] == {
        "path": "src/app.py",
        "lines": {"begin": CALL_LINE, "end": CALL_LINE},
        "positions": {
            "begin": {"line": CALL_LINE, "column": CALL_COLUMN},
            "end": {"line": CALL_LINE, "column": CALL_COLUMN + len(CALL)},
        },
    }
    assert len(issue["fingerprint"]) == 64


def test_severities_are_gitlab_ones(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP + "    import nest_asyncio\n    nest_asyncio.apply()\n")
    issues = project.run("check", "--select", "ALL", "--output-format", "gitlab").json()
    assert {issue["severity"] for issue in issues} <= GITLAB_SEVERITIES
    assert {issue["check_name"]: issue["severity"] for issue in issues}["LOOP401"] == "major"


def test_fingerprints_survive_moved_code_and_tell_twins_apart(project: Project) -> None:
    twice = STARTS_A_LOOP + "    asyncio.run(work())\n"
    project.write("app.py", twice)
    before = [
        issue["fingerprint"] for issue in project.run("check", "--output-format", "gitlab").json()
    ]
    project.write("app.py", "# a comment moves everything down\n\n" + twice)
    after = [
        issue["fingerprint"] for issue in project.run("check", "--output-format", "gitlab").json()
    ]
    assert before == after
    assert len(set(before)) == 2


def test_clean_project_is_an_empty_report(project: Project) -> None:
    project.write("app.py", CLEAN)
    result = project.run("check", "--output-format", "gitlab")
    assert (result.status, result.json()) == (0, [])
