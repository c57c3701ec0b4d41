"""select_rules: codes, prefixes and ALL; ignore wins over select."""

from looplint.config import select_rules
from looplint.engine import RULES


def test_no_select_means_every_rule_but_the_opt_in_style_hint() -> None:
    assert select_rules(None) == frozenset(RULES) - {"LOOP402"}


def test_naming_the_opt_in_hint_selects_it() -> None:
    assert select_rules(["LOOP402"]) == {"LOOP402"}


def test_all_selects_every_rule() -> None:
    assert select_rules(["ALL"]) == frozenset(RULES)


def test_prefix_selects_its_family() -> None:
    assert select_rules(["LOOP4"]) == {code for code in RULES if code.startswith("LOOP4")}


def test_codes_and_prefixes_combine() -> None:
    assert select_rules(["LOOP101", "LOOP40"], ["LOOP402"]) == {"LOOP101", "LOOP401", "LOOP403"}


def test_ignore_wins_over_a_more_specific_select() -> None:
    assert select_rules(["LOOP101"], ["LOOP1"]) == frozenset()


def test_empty_select_enables_nothing() -> None:
    assert select_rules([]) == frozenset()
