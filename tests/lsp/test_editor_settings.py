"""Server-only editor settings are validated like the rule settings: a wrong value is named."""

from __future__ import annotations

import pytest
from looplint.config import ConfigError
from looplint.lsp.editor_settings import EditorSettings, parse_editor_settings


def test_the_analysis_time_limit_is_a_number_of_seconds() -> None:
    assert parse_editor_settings({"analysisTimeLimit": 2}).analysis_time_limit == 2.0
    assert parse_editor_settings({"analysisTimeLimit": 0.5}).analysis_time_limit == 0.5
    assert parse_editor_settings({}).analysis_time_limit is None


@pytest.mark.parametrize("value", [0, -1, "10", True, [10]])
def test_an_analysis_time_limit_that_is_no_positive_number_is_refused(value: object) -> None:
    with pytest.raises(
        ConfigError, match=r"looplint\.analysisTimeLimit: expected a number of seconds"
    ):
        parse_editor_settings({"analysisTimeLimit": value})


def test_a_time_limit_set_in_a_layer_wins_over_the_one_below() -> None:
    below = EditorSettings(analysis_time_limit=30.0)

    assert EditorSettings(analysis_time_limit=2.0).merged_over(below).analysis_time_limit == 2.0
    assert EditorSettings().merged_over(below).analysis_time_limit == 30.0
