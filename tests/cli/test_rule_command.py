"""`looplint rule CODE` prints the rule's documentation: the same text the editor's hover shows."""

from cli_project import Project
from looplint.engine import RULES


def test_rule_prints_its_documentation(project: Project) -> None:
    result = project.run("rule", "LOOP101")
    assert result.status == 0
    assert result.stdout == RULES["LOOP101"].documentation.rstrip("\n") + "\n"


def test_rule_code_is_case_insensitive(project: Project) -> None:
    assert project.run("rule", "loop102").stdout == project.run("rule", "LOOP102").stdout


def test_all_prints_every_rule(project: Project) -> None:
    result = project.run("rule", "--all")
    assert result.status == 0
    for rule in RULES.values():
        assert rule.documentation.strip() in result.stdout


def test_unknown_rule_exits_2(project: Project) -> None:
    result = project.run("rule", "LOOP999")
    assert result.status == 2
    assert result.stderr.startswith(
        "looplint rule: error: unknown rule 'LOOP999' (known: LOOP001, LOOP101, "
    )
    assert result.stderr.count("\n") == 1
