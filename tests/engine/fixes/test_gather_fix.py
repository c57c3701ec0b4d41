"""gather (a choice): consecutive flagged statements, or a loop of them, run concurrently."""

import ast

from analyzed import applied, clean, findings, fix_of, kinds, only
from looplint.engine import Fix, FixKind


def gather_fix(source: str) -> Fix:
    return fix_of(findings(source)[0], FixKind.GATHER)


def test_consecutive_expression_statements_become_one_gather() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(a())
            asyncio.run(b())
            asyncio.run(c())
            return 1
        """
    fix = gather_fix(source)
    assert not fix.safe
    assert applied(source, fix) == clean("""
        import asyncio

        async def handler():
            await asyncio.gather(a(), b(), c())
            return 1
        """)


def test_every_finding_of_the_group_offers_the_same_gather() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(a())
            asyncio.run(b())
        """
    first, second = findings(source)
    assert fix_of(first, FixKind.GATHER) == fix_of(second, FixKind.GATHER)


def test_assignments_become_a_tuple_target() -> None:
    source = """
        import asyncio

        async def handler():
            first = asyncio.run(a())
            second = asyncio.run(b())
            return first, second
        """
    assert "    first, second = await asyncio.gather(a(), b())\n" in applied(
        source, gather_fix(source)
    )


def test_attribute_targets_are_kept() -> None:
    source = """
        import asyncio

        class Box:
            async def load(self):
                self.left = asyncio.run(a())
                self.right = asyncio.run(b())
        """
    assert "        self.left, self.right = await asyncio.gather(a(), b())\n" in applied(
        source, gather_fix(source)
    )


def test_unused_results_in_a_mixed_group_become_underscores() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(a())
            second = asyncio.run(b())
            return second
        """
    assert "    _, second = await asyncio.gather(a(), b())\n" in applied(source, gather_fix(source))


def test_no_gather_when_a_later_call_uses_an_earlier_result() -> None:
    source = """
        import asyncio

        async def handler():
            user = asyncio.run(load_user())
            asyncio.run(send_mail(user))
        """
    assert all(FixKind.GATHER not in kinds(f) for f in findings(source))


def test_no_gather_for_a_single_statement() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(a())
            print("between")
            asyncio.run(b())
        """
    assert all(FixKind.GATHER not in kinds(f) for f in findings(source))


def test_no_gather_over_a_comment_it_would_delete() -> None:
    source = """
        import asyncio

        async def handler():
            asyncio.run(a())
            # b must follow a
            asyncio.run(b())
        """
    assert all(FixKind.GATHER not in kinds(f) for f in findings(source))


def test_a_for_loop_over_one_flagged_call_becomes_a_gather_over_a_generator() -> None:
    source = """
        import asyncio

        async def handler(urls):
            for url in urls:
                asyncio.run(fetch(url))
            return True
        """
    fix = fix_of(only(source), FixKind.GATHER)
    result = applied(source, fix)
    assert "    await asyncio.gather(*(fetch(url) for url in urls))\n    return True\n" in result
    ast.parse(result)


def test_a_for_loop_with_more_than_the_call_gets_no_loop_gather() -> None:
    source = """
        import asyncio

        async def handler(urls):
            for url in urls:
                print(url)
                asyncio.run(fetch(url))
        """
    assert FixKind.GATHER not in kinds(only(source))


def test_a_for_loop_with_an_else_gets_no_loop_gather() -> None:
    source = """
        import asyncio

        async def handler(urls):
            for url in urls:
                asyncio.run(fetch(url))
            else:
                print("done")
        """
    assert FixKind.GATHER not in kinds(only(source))


def test_gather_results_parse() -> None:
    source = """
        import asyncio

        async def handler(items):
            if items:
                left = asyncio.run(a(items[0]))
                right = asyncio.run(b(items[-1]))
                return left + right
        """
    ast.parse(applied(source, gather_fix(source)))
