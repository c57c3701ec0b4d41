"""LOOP401: ``nest_asyncio.apply()`` patches asyncio for the whole process."""

import pytest
from analyzed import codes, findings, only
from looplint.engine import Severity


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import nest_asyncio\nnest_asyncio.apply()\n", id="module level"),
        pytest.param(
            "import nest_asyncio\n\ndef setup():\n    nest_asyncio.apply()\n", id="sync def"
        ),
        pytest.param(
            "import nest_asyncio\n\nasync def setup():\n    nest_asyncio.apply()\n", id="async def"
        ),
        pytest.param("import nest_asyncio as na\nna.apply()\n", id="aliased module"),
        pytest.param("from nest_asyncio import apply\napply()\n", id="imported function"),
        pytest.param(
            'import nest_asyncio\nif __name__ == "__main__":\n    nest_asyncio.apply()\n',
            id="under the main guard",
        ),
    ],
)
def test_apply_is_a_warning_anywhere(source: str) -> None:
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP401", Severity.WARNING)
    assert "archived" in finding.message
    assert finding.safe_fix is None


def test_the_maintained_fork_is_only_information() -> None:
    assert only("import nest_asyncio2\nnest_asyncio2.apply()\n").severity is Severity.INFORMATION


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import pandas as pd\npd.DataFrame().apply(len)\n", id="DataFrame.apply"),
        pytest.param("def apply():\n    pass\n\napply()\n", id="the module's own apply"),
        pytest.param("import nest_asyncio\n# nest_asyncio.apply()\n", id="commented out"),
    ],
)
def test_other_apply_calls_are_not_flagged(source: str) -> None:
    assert codes(source) == []


def test_nested_starts_it_lets_through_are_warnings_that_mention_it() -> None:
    source = """
        import asyncio
        import nest_asyncio

        nest_asyncio.apply()

        async def handler():
            asyncio.run(work())
        """
    nested = [f for f in findings(source) if f.code == "LOOP101"]
    assert [f.severity for f in nested] == [Severity.WARNING]
    assert "nest_asyncio.apply()" in nested[0].message
