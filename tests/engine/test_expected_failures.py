"""A loop start that a test expects to fail is still reported (it does fail, as the rule says),
but none of its fixes is safe: the test depends on the failure, and fix-all must not make the
call work."""

import pytest
from analyzed import clean, fixed, only
from looplint.engine import FixKind


def test_a_stored_async_to_sync_wrapper_under_pytest_raises_has_no_safe_fix() -> None:
    """asgiref 3.13.0 tests/test_sync.py:413-415, which checks that async_to_sync refuses to run
    on a running loop (its `await` fix would break that passing test)."""
    source = """
        import pytest
        from asgiref.sync import async_to_sync

        async def test_async_to_sync_in_async():
            async def inner_async_function():
                return 84

            sync_function = async_to_sync(inner_async_function)
            with pytest.raises(RuntimeError):
                sync_function()
        """
    finding = only(source)

    assert finding.code == "LOOP104"
    assert finding.safe_fix is None
    assert any(fix.kind is FixKind.AWAIT for fix in finding.fixes)  # still offered, as a choice
    assert fixed(source) == clean(source)


@pytest.mark.parametrize(
    "expectation",
    [
        "pytest.raises(RuntimeError)",
        "pytest.raises((ValueError, RuntimeError))",
        "pytest.raises(Exception, match='running')",
        "self.assertRaises(RuntimeError)",
        "self.assertRaisesRegex(RuntimeError, 'running event loop')",
    ],
)
def test_every_way_to_expect_the_runtime_error_makes_the_fix_a_choice(expectation: str) -> None:
    source = f"""
        import asyncio
        import pytest

        class Tests:
            async def test_nested_run(self):
                with {expectation}:
                    asyncio.run(asyncio.sleep(0))
        """
    finding = only(source)

    assert finding.code == "LOOP101"
    assert finding.safe_fix is None


@pytest.mark.parametrize(
    "context", ["pytest.raises(ValueError)", "open('log.txt')", "pytest.warns(UserWarning)"]
)
def test_other_with_blocks_keep_the_safe_fix(context: str) -> None:
    source = f"""
        import asyncio
        import pytest

        async def handler():
            with {context}:
                asyncio.run(asyncio.sleep(0))
        """
    assert only(source).safe_fix is not None
