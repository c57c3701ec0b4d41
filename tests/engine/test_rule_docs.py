"""Every rule is documented once, completely, and the copies in docs/ and the README agree.

The rule's Markdown in ``engine/rules/docs/<CODE>.md`` is what ``looplint rule`` prints and the
editor's hover shows; docs/rules.md is generated from it and the README table mirrors RULES.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from analyzed import EVERY_RULE
from looplint.engine import RULES, Fix, Rule, analyze, analyze_notebook
from looplint.engine.analysis import analyze_module
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.project.settle import settle

REPO = Path(__file__).resolve().parents[2]
REQUIRED_SECTIONS = (
    "## What it does",
    "## Why does this fail?",
    "## Example",
    "## Use instead",
    "## Fixes",
)
# Rules whose examples are notebook cells, where top-level `await` is legal.
NOTEBOOK_RULES = frozenset({"LOOP301"})
# How a rule doc names the choice `--unsafe-fixes` applies, or says there is none.
UNSAFE_FIX = "the unsafe fix, applied by `looplint check --fix --unsafe-fixes`"
NO_UNSAFE_FIX = "No unsafe fix: `looplint check --fix --unsafe-fixes` applies none of these."
# The syntax error rule: its example cannot parse, and no `# noqa` silences it.
SYNTAX_RULE = "LOOP001"

rule_codes = pytest.mark.parametrize("code", list(RULES))


def _generator() -> ModuleType:
    path = REPO / "docs" / "generate_rules_md.py"
    spec = importlib.util.spec_from_file_location("generate_rules_md", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _section(markdown: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same level."""
    start = markdown.index(f"\n{heading}\n") + len(heading) + 2
    following = markdown.find("\n## ", start)
    return markdown[start : following if following != -1 else len(markdown)]


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", markdown, flags=re.MULTILINE | re.DOTALL)


def _parse(code: str, source: str) -> ast.AST:
    flags = ast.PyCF_ONLY_AST
    if code in NOTEBOOK_RULES:
        flags |= ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    return compile(source, f"<{code} example>", "exec", flags=flags)


def _codes_found(rule: Rule, source: str) -> list[str]:
    if rule.code in NOTEBOOK_RULES:
        return [finding.code for finding in analyze_notebook([source], EVERY_RULE)]
    return [finding.code for finding in analyze(source, EVERY_RULE)]


def _github_anchor(heading: str) -> str:
    """The fragment GitHub gives a Markdown heading."""
    text = heading.lstrip("#").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@rule_codes
def test_doc_starts_with_the_code_and_name(code: str) -> None:
    rule = RULES[code]
    assert rule.documentation.splitlines()[0] == f"# {code}: {rule.name}"


@rule_codes
def test_doc_says_why_it_fails_in_a_short_paragraph_under_the_title(code: str) -> None:
    """That paragraph is the "why" of the editor's hover, so the two never disagree."""
    paragraph = RULES[code].documentation.split("\n\n")[1]
    assert not paragraph.startswith("#")
    assert len(paragraph.splitlines()) <= 2
    assert RULES[code].why == " ".join(paragraph.split())


@rule_codes
def test_doc_has_every_required_section_in_order(code: str) -> None:
    headings = re.findall(r"^## .+$", RULES[code].documentation, flags=re.MULTILINE)
    assert [h for h in headings if h in REQUIRED_SECTIONS] == list(REQUIRED_SECTIONS)


@rule_codes
def test_example_and_fixed_example_are_python_that_parses(code: str) -> None:
    doc = RULES[code].documentation
    for heading in ("## Example", "## Use instead"):
        blocks = _python_blocks(_section(doc, heading))
        assert blocks, f"{code}: no ```python block under {heading}"
        for block in blocks:
            if code == SYNTAX_RULE and heading == "## Example":
                with pytest.raises(SyntaxError):
                    _parse(code, block)
            else:
                _parse(code, block)


@rule_codes
def test_example_is_reported_by_its_rule(code: str) -> None:
    rule = RULES[code]
    example = _python_blocks(_section(rule.documentation, "## Example"))[0]
    assert code in _codes_found(rule, example)


@rule_codes
def test_fixed_example_is_not_reported_by_any_rule(code: str) -> None:
    rule = RULES[code]
    fixed = _python_blocks(_section(rule.documentation, "## Use instead"))[0]
    assert _codes_found(rule, fixed) == []


@rule_codes
def test_fixes_section_offers_disabling_the_line(code: str) -> None:
    fixes = _section(RULES[code].documentation, "## Fixes")
    if code == SYNTAX_RULE:
        assert f"`# noqa: {code}` does not silence it" in fixes
    else:
        assert f"`# noqa: {code}`" in fixes


@rule_codes
def test_fixes_section_names_the_unsafe_fix_the_engine_marks(code: str, tmp_path: Path) -> None:
    """The engine marks a rule's unsafe fix (``Fix.unsafe``); its doc names that choice, or
    says it has none. Checked on the doc's example, analyzed as a module of a project (some
    choices, like LOOP201's "make the helper async", need to see every caller)."""
    rule = RULES[code]
    fixes = _section(rule.documentation, "## Fixes")
    bullets = [bullet for bullet in fixes.split("\n- ") if UNSAFE_FIX in bullet]
    unsafe = _unsafe_fixes_of_example(rule, tmp_path)
    if unsafe:
        assert NO_UNSAFE_FIX not in fixes
        [bullet] = bullets
        title = re.search(r"\*\*(.+?)\*\*", bullet)
        assert title is not None
        assert {fix.title.split()[0] for fix in unsafe} == {title.group(1).split()[0]}
    else:
        assert bullets == []
        assert NO_UNSAFE_FIX in fixes


def _unsafe_fixes_of_example(rule: Rule, folder: Path) -> list[Fix]:
    example = _python_blocks(_section(rule.documentation, "## Example"))[0]
    if rule.code in NOTEBOOK_RULES:
        findings = analyze_notebook([example])
    else:
        path = folder / "example.py"
        path.write_text(example, encoding="utf-8")
        module = ProjectModule("example", str(path), False)
        project = ProjectIndex(lambda module: Path(module.path).read_text(encoding="utf-8"))
        starters = analyze_module(example, module_name="example", summary_only=True).starters
        project.add_module(module, starters)
        settle(project)
        findings = analyze(example, module_name="example", project=project)
    return [f.unsafe_fix for f in findings if f.code == rule.code and f.unsafe_fix is not None]


def test_docs_rules_md_is_generated_from_the_rule_docs() -> None:
    expected = _generator().render_rules_md(RULES.values())
    actual = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/rules.md is out of date: run `.venv/bin/python docs/generate_rules_md.py`"
    )


def test_docs_rules_md_has_the_heading_each_rule_url_points_to() -> None:
    rules_md = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## .+$", rules_md, flags=re.MULTILINE)
    anchors = [_github_anchor(heading) for heading in headings]
    assert anchors == [rule.url.partition("#")[2] for rule in RULES.values()]


def test_readme_rules_table_has_a_row_per_rule_in_order() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (LOOP\d+) \| (.+?) \| (.+?) \| (.+?) \| .+ \|$", readme, re.MULTILINE)
    expected = [
        (
            rule.code,
            rule.name,
            rule.summary,
            rule.default_severity.value + (", opt-in" if rule.opt_in else ""),
        )
        for rule in RULES.values()
    ]
    assert rows == expected, "the README's rules table must list RULES: code, name, summary"


def test_readme_rules_section_links_the_full_rule_docs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rules_section = readme.split("<!-- section: rules -->")[1].split("<!-- section:")[0]
    assert "(docs/rules.md)" in rules_section
