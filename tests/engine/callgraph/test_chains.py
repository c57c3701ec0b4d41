"""LOOP201 chains of any depth: the message spells the chain, ``related`` locates each step."""

from analyzed import clean, only
from looplint.engine import Position, Span

DEEP = """
    import asyncio

    def connect():
        return asyncio.run(open_connection())

    def load_user(user_id):
        connection = connect()
        return connection.get(user_id)

    def load_profile(user_id):
        return {"user": load_user(user_id)}

    async def profile_page(user_id):
        return render(load_profile(user_id))
    """


def test_the_message_names_every_function_from_caller_to_loop_start() -> None:
    finding = only(DEEP)
    assert finding.code == "LOOP201"
    assert finding.message == (
        "`load_profile()` starts an event loop"
        " (profile_page → load_profile → load_user → connect → asyncio.run()),"
        " which inside a running loop raises"
        " `RuntimeError: asyncio.run() cannot be called from a running event loop`"
    )


def test_related_locations_are_each_steps_call_in_the_analyzed_file() -> None:
    finding = only(DEEP)
    lines = clean(DEEP).splitlines()

    def span_of(line: int, text: str) -> Span:
        column = lines[line].index(text)
        return Span(Position(line, column), Position(line, column + len(text)))

    assert [(r.message, r.span, r.path) for r in finding.related] == [
        ("`load_profile` calls `load_user()`", span_of(10, "load_user(user_id)"), None),
        ("`load_user` calls `connect()`", span_of(6, "connect()"), None),
        ("`connect` calls `asyncio.run()`", span_of(3, "asyncio.run(open_connection())"), None),
    ]


def test_the_finding_is_on_the_call_in_the_coroutine() -> None:
    finding = only(DEEP)
    line = clean(DEEP).splitlines()[13]
    column = line.index("load_profile(user_id)")
    assert finding.span == Span(
        Position(13, column), Position(13, column + len("load_profile(user_id)"))
    )


def test_the_order_of_definitions_does_not_matter() -> None:
    source = """
        import asyncio

        async def handler():
            return first()

        def first():
            return second()

        def second():
            return third()

        def third():
            return fourth()

        def fourth():
            return asyncio.run(work())
        """
    finding = only(source)
    assert "(handler → first → second → third → fourth → asyncio.run())" in finding.message
    assert len(finding.related) == 4


def test_a_chain_through_a_method_and_a_nested_def_is_one_chain() -> None:
    source = """
        import asyncio

        class Repository:
            def fetch_all(self):
                def blocking():
                    return asyncio.run(query())
                return blocking()

        def export():
            repository = Repository()
            return repository.fetch_all()

        async def handler():
            return export()
        """
    finding = only(source)
    assert "(handler → export → Repository.fetch_all → blocking → asyncio.run())" in (
        finding.message
    )
