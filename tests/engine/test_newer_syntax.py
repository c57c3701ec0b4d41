"""Syntax a newer Python accepts is told apart from a syntax error, by the version it needs."""

import pytest
from looplint.engine.newer_syntax import newer_syntax_in


@pytest.mark.parametrize(
    ("line", "needs"),
    [
        ("def first[T](items: list[T]) -> T:", "Python 3.12 (type parameter lists)"),
        ("async def fetch[T](url: str) -> T:", "Python 3.12 (type parameter lists)"),
        ("class Box[T]:", "Python 3.12 (type parameter lists)"),
        ("type Pair = tuple[int, int]", "Python 3.12 (`type` statements)"),
        ("type Pair[T] = tuple[T, T]", "Python 3.12 (`type` statements)"),
    ],
)
def test_pep_695_needs_python_3_12(line: str, needs: str) -> None:
    assert newer_syntax_in([line], running=(3, 11)) == needs
    assert newer_syntax_in([line], running=(3, 12)) is None


def test_except_star_needs_python_3_11() -> None:
    assert newer_syntax_in(["except* ValueError:"], running=(3, 10)) == "Python 3.11 (`except*`)"
    assert newer_syntax_in(["except* ValueError:"], running=(3, 11)) is None


def test_template_strings_and_bare_except_lists_need_python_3_14() -> None:
    assert newer_syntax_in(['greeting = t"hi {name}"'], running=(3, 13)) == (
        "Python 3.14 (template strings)"
    )
    assert newer_syntax_in(["except ValueError, TypeError:"], running=(3, 13)) == (
        "Python 3.14 (`except` without parentheses)"
    )


@pytest.mark.parametrize(
    "line",
    ["def broken(:", "types = [int]", "x = list[int]", "text = 'abc'", "print(t)", "type = 3"],
)
def test_ordinary_lines_need_no_newer_python(line: str) -> None:
    assert newer_syntax_in([line], running=(3, 10)) is None
