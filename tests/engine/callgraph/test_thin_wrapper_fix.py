"""The safe fix of LOOP201: a helper that only returns ``asyncio.run(G(...))`` is ``await G(...)``.

The call's arguments are mapped onto the helper's parameters (by position, by keyword, constant
defaults for the rest) and substituted into ``G(...)`` as written in the helper, parenthesised
where precedence could change. Whenever the mapping is not certain, there is no safe fix.
"""

import pytest
from analyzed import fixed, only

COROUTINE = """
import asyncio

async def fetch(*args, **kwargs):
    return args, kwargs
"""


def safe_replacement(helper: str, call: str) -> str | None:
    """The text the safe fix writes in place of ``call`` in a coroutine, or ``None``."""
    source = (
        f"{COROUTINE}\n{helper.strip()}\n\nasync def handler(user, a, b, x):\n    return {call}\n"
    )
    finding = only(source, "LOOP201")
    fix = finding.safe_fix
    if fix is None:
        return None
    [edit] = fix.edits
    assert edit.span == finding.span
    return edit.new_text


@pytest.mark.parametrize(
    ("helper", "call", "replacement"),
    [
        pytest.param(
            "def load(name):\n    return asyncio.run(fetch(name))",
            "load(user.name)",
            "await fetch(user.name)",
            id="positional",
        ),
        pytest.param(
            "def load(name, region):\n    return asyncio.run(fetch(name, region))",
            'load(region="us", name="ada")',
            'await fetch("ada", "us")',
            id="keywords in another order",
        ),
        pytest.param(
            'def load(name, region="eu", retries=3):\n'
            "    return asyncio.run(fetch(name, region=region, retries=retries))",
            "load(user.name, retries=5)",
            "await fetch(user.name, region='eu', retries=5)",
            id="constant default for a missing argument",
        ),
        pytest.param(
            "def load(n):\n    return asyncio.run(fetch(n * 2))",
            "load(x + 1)",
            "await fetch((x + 1) * 2)",
            id="a binary operation is parenthesised",
        ),
        pytest.param(
            "def load(item):\n    return asyncio.run(fetch(item.id))",
            "load(a or b)",
            "await fetch((a or b).id)",
            id="a boolean operation before an attribute is parenthesised",
        ),
        pytest.param(
            "def load(item):\n    return asyncio.run(fetch(item, item))",
            "load(a.b[0])",
            "await fetch(a.b[0], a.b[0])",
            id="an atom is not parenthesised",
        ),
        pytest.param(
            'def load(name):\n    """Sync API for scripts."""\n    return asyncio.run(fetch(name))',
            "load('x')",
            "await fetch('x')",
            id="a docstring is allowed",
        ),
        pytest.param(
            "def load(name):\n    return asyncio.get_event_loop().run_until_complete(fetch(name))",
            "load('x')",
            "await fetch('x')",
            id="run_until_complete wrapper",
        ),
    ],
)
def test_the_call_becomes_an_await_of_the_wrapped_coroutine(
    helper: str, call: str, replacement: str
) -> None:
    assert safe_replacement(helper, call) == replacement


@pytest.mark.parametrize(
    ("helper", "call"),
    [
        pytest.param(
            "def load(name, options=DEFAULTS):\n    return asyncio.run(fetch(name, options))",
            "load('x')",
            id="a missing argument whose default is not a constant",
        ),
        pytest.param(
            "def load(name):\n    return asyncio.run(fetch(name))",
            "load(*a)",
            id="star arguments",
        ),
        pytest.param(
            "def load(name):\n    return asyncio.run(fetch(name))",
            "load(**a)",
            id="double-star arguments",
        ),
        pytest.param(
            "def load(name):\n    return asyncio.run(fetch(name))",
            "load(a, b)",
            id="more arguments than parameters",
        ),
        pytest.param(
            "def load(name):\n    return asyncio.run(fetch(name))",
            "load(a, name=b)",
            id="the same parameter twice",
        ),
        pytest.param(
            "def load(*names):\n    return asyncio.run(fetch(*names))",
            "load(a, b)",
            id="a helper with *args",
        ),
        pytest.param(
            "def load(name):\n    print(name)\n    return asyncio.run(fetch(name))",
            "load(a)",
            id="the helper does more than the loop start",
        ),
        pytest.param(
            "def load(name):\n    asyncio.run(fetch(name))",
            "load(a)",
            id="the helper does not return the result",
        ),
        pytest.param(
            "def load(name):\n    return asyncio.run(fetch(name), debug=True)",
            "load(a)",
            id="asyncio.run with options",
        ),
        pytest.param(
            "def load(name):\n    return middle(name)\n\ndef middle(name):\n"
            "    return asyncio.run(fetch(name))",
            "load(a)",
            id="a wrapper of a wrapper",
        ),
    ],
)
def test_no_safe_fix_when_the_mapping_is_not_certain(helper: str, call: str) -> None:
    assert safe_replacement(helper, call) is None


def test_no_safe_fix_where_the_wrapped_coroutine_is_shadowed_at_the_call_site() -> None:
    source = """
        import asyncio

        async def fetch(name):
            return name

        def load(name):
            return asyncio.run(fetch(name))

        async def handler(fetch):
            return load("x")
        """
    assert only(source, "LOOP201").safe_fix is None


def test_no_safe_fix_where_await_is_not_allowed() -> None:
    source = """
        import asyncio

        async def fetch(name):
            return name

        def load(name):
            return asyncio.run(fetch(name))

        async def handler(names):
            return list(load(name) for name in names)
        """
    assert only(source, "LOOP201").safe_fix is None


def test_fix_all_rewrites_every_call_and_leaves_the_helper_for_sync_callers() -> None:
    source = """
        import asyncio

        async def fetch(name, region="eu"):
            return name, region

        def load(name, region="eu"):
            return asyncio.run(fetch(name, region))

        async def handler(user):
            first = load(user)
            second = load(user, region="us")
            return first, second

        if __name__ == "__main__":
            print(load("cli"))
        """
    assert fixed(source).splitlines()[9:12] == [
        "    first = await fetch(user, 'eu')",
        '    second = await fetch(user, "us")',
        "    return first, second",
    ]


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("self.sync_get('k')", id="through self"),
        pytest.param("store.sync_get('k')", id="on an instance"),
    ],
)
def test_a_method_wrapper_maps_arguments_after_the_receiver(call: str) -> None:
    source = f"""
import asyncio

async def get(key):
    return key

class Store:
    def sync_get(self, key="default"):
        return asyncio.run(get(key))

    async def handler(self):
        store = Store()
        return {call}
"""
    fix = only(source, "LOOP201").safe_fix
    assert fix is not None
    assert [edit.new_text for edit in fix.edits] == ["await get('k')"]


def test_a_method_wrapper_awaiting_its_own_method_has_no_safe_fix() -> None:
    source = """
        import asyncio

        class Store:
            async def get(self, key):
                return key

            def sync_get(self, key):
                return asyncio.run(self.get(key))

            async def handler(self):
                return self.sync_get("k")
        """
    assert only(source, "LOOP201").safe_fix is None


def test_a_dropped_call_in_the_arguments_makes_the_unwrap_a_choice() -> None:
    source = """
        import asyncio

        async def fetch(name):
            return name

        def load(name, verbose=False):
            return asyncio.run(fetch(name))

        async def handler():
            return load("x", verbose=log_call())
        """
    finding = only(source, "LOOP201")
    assert finding.safe_fix is None
    assert 'await fetch("x")' in [e.new_text for fix in finding.fixes for e in fix.edits]
