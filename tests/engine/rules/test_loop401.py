"""LOOP401: ``nest_asyncio.apply()`` patches asyncio for the whole process."""

from pathlib import Path

import pytest
from analyzed import clean, codes, findings, only
from looplint.engine import Finding, Severity, analyze


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
    assert "unmaintained" in finding.message
    assert "`nest-asyncio2`" in finding.message
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


PATCHED = "(it runs only because `nest_asyncio.apply()` patches asyncio)"


def start_of_work(source: str) -> Finding:
    """The finding on the snippet's one ``asyncio.run(work())``."""
    line = (
        clean(source)
        .splitlines()
        .index(next(text for text in clean(source).splitlines() if "asyncio.run(work())" in text))
    )
    (found,) = [f for f in findings(source) if f.span.start.line == line]
    return found


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio
            import nest_asyncio

            nest_asyncio.apply()

            async def handler():
                asyncio.run(work())
            """,
            id="module level",
        ),
        pytest.param(
            """
            import asyncio
            import nest_asyncio

            async def handler():
                nest_asyncio.apply()
                asyncio.run(work())
            """,
            id="earlier in the same function",
        ),
        pytest.param(
            """
            import asyncio
            import nest_asyncio

            def patch():
                nest_asyncio.apply()

            async def handler():
                asyncio.run(work())

            def main():
                patch()
                asyncio.run(handler())
            """,
            id="on the call chain",
        ),
        pytest.param(
            """
            import asyncio
            import nest_asyncio

            class Service:
                def start(self):
                    nest_asyncio.apply()
                    asyncio.run(self.serve())

                async def serve(self):
                    await self.handle()

                async def handle(self):
                    asyncio.run(work())
            """,
            id="through methods",
        ),
    ],
)
def test_a_start_reached_after_apply_is_a_warning_that_says_so(source: str) -> None:
    nested = start_of_work(source)
    assert nested.severity is Severity.WARNING
    assert nested.message.endswith(PATCHED)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import asyncio
            import nest_asyncio

            def patch_for_notebooks():
                nest_asyncio.apply()

            async def handler():
                asyncio.run(work())
            """,
            id="apply in a function nobody calls",
        ),
        pytest.param(
            """
            import asyncio
            import nest_asyncio

            async def handler():
                asyncio.run(work())
                nest_asyncio.apply()
            """,
            id="apply after the start",
        ),
        pytest.param(
            """
            import asyncio
            import nest_asyncio

            def patch():
                nest_asyncio.apply()

            async def handler():
                asyncio.run(work())

            def main():
                asyncio.run(handler())
                patch()
            """,
            id="the call chain patches only after",
        ),
    ],
)
def test_a_start_apply_does_not_reach_is_an_error(source: str) -> None:
    nested = start_of_work(source)
    assert nested.severity is Severity.ERROR
    assert PATCHED not in nested.message


def test_the_seed_articles_uncalled_apply_patches_only_what_follows_it_in_its_function() -> None:
    # examples/seed_article.py: `apply()` sits in `patched_nesting`, which nothing calls.
    seed = Path(__file__).parents[3] / "examples" / "seed_article.py"
    patched = [
        f.span.start.line + 1
        for f in analyze(seed.read_text(encoding="utf-8"))
        if f.message.endswith(PATCHED)
    ]
    assert patched == [41]


def test_a_test_classs_set_up_reaches_every_test_of_the_class() -> None:
    # nest-asyncio 1.6.0 tests/nest_test.py:15 applies the patch in setUp, before each test.
    source = """
        import asyncio
        import unittest
        import nest_asyncio

        class NestTest(unittest.TestCase):
            def setUp(self):
                nest_asyncio.apply()

            def test_timeout(self):
                async def f2():
                    asyncio.run(work())
                self.loop.run_until_complete(f2())
        """
    nested = start_of_work(source)
    assert nested.severity is Severity.WARNING
    assert nested.message.endswith(PATCHED)


def test_a_patched_start_has_no_safe_fix() -> None:
    # Patched, the original runs instead of raising: `await` would change what it does.
    source = """
        import asyncio
        import nest_asyncio

        nest_asyncio.apply()

        async def handler():
            asyncio.run(work())
        """
    nested = start_of_work(source)
    assert nested.fixes and nested.safe_fix is None


def test_the_first_of_two_applies_in_a_function_counts() -> None:
    source = """
        import asyncio
        import nest_asyncio

        async def handler():
            nest_asyncio.apply()
            asyncio.run(work())
            nest_asyncio.apply()
        """
    assert start_of_work(source).message.endswith(PATCHED)
