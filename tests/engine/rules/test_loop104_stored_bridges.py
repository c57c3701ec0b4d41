"""LOOP104 through stored and class forms of the bridges: ``f = async_to_sync(g)`` then ``f()``,
``AsyncToSync(g)()``, and anyio's ``from_thread`` calls made on the loop's own thread."""

import pytest
from analyzed import codes, fix_of, only, preferred
from looplint.engine import FixKind, Severity

ASYNC_TO_SYNC_ERROR = "You cannot use AsyncToSync in the same thread as an async event loop"


def test_a_stored_async_to_sync_wrapper_called_in_a_coroutine_is_an_error() -> None:
    """The shape of asgiref 3.13.0's own tests/test_sync.py:413-415."""
    source = """
        from asgiref.sync import async_to_sync

        async def handler():
            async def compute():
                return 84

            compute_now = async_to_sync(compute)
            return compute_now()
        """
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP104", Severity.ERROR)
    assert finding.span.start.line == 7
    assert finding.message.startswith("`compute_now` is `async_to_sync(...)`: calling it")
    assert ASYNC_TO_SYNC_ERROR in finding.message
    assert preferred(source).splitlines()[-1] == "    return await compute()"


def test_a_module_level_wrapper_of_a_module_coroutine_is_fixed_by_awaiting_it() -> None:
    source = """
        import asgiref.sync

        async def fetch(user_id):
            return {"id": user_id}

        fetch_now = asgiref.sync.async_to_sync(fetch)

        async def handler(user_id):
            return fetch_now(user_id)
        """
    assert preferred(source).splitlines()[-1] == "    return await fetch(user_id)"


def test_a_wrapper_of_a_name_that_means_something_else_at_the_call_has_no_await_fix() -> None:
    source = """
        from asgiref.sync import async_to_sync

        def build():
            async def fetch():
                return 1
            return async_to_sync(fetch)

        async def fetch():
            return 2

        fetch_now = async_to_sync(fetch)

        async def handler(fetch):
            return fetch_now()
        """
    assert FixKind.AWAIT not in {fix.kind for fix in only(source).fixes}


def test_the_async_to_sync_class_called_inline_is_an_error() -> None:
    source = """
        from asgiref.sync import AsyncToSync

        async def fetch():
            return 1

        async def handler():
            return AsyncToSync(fetch)()
        """
    finding = only(source)
    assert finding.message.startswith("`AsyncToSync(...)(...)` inside a running event loop")
    assert preferred(source).splitlines()[-1] == "    return await fetch()"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            from asgiref.sync import async_to_sync

            def view(request):
                fetch_now = async_to_sync(fetch)
                return fetch_now(request)
            """,
            id="called in sync code",
        ),
        pytest.param(
            """
            from asgiref.sync import async_to_sync

            async def handler(flag):
                fetch_now = async_to_sync(fetch)
                if flag:
                    fetch_now = print
                return fetch_now()
            """,
            id="the name is bound to something else too",
        ),
        pytest.param(
            """
            from asgiref.sync import sync_to_async

            async def handler():
                fetch_later = sync_to_async(fetch)
                return await fetch_later()
            """,
            id="the other direction, sync_to_async",
        ),
    ],
)
def test_no_finding_where_the_wrapper_is_not_called_inside_the_loop(source: str) -> None:
    assert codes(source) == []


def test_anyio_from_thread_run_on_the_loop_thread_is_fixed_by_awaiting_the_function() -> None:
    source = """
        import anyio.from_thread

        async def fetch(user_id):
            return user_id

        async def handler():
            return anyio.from_thread.run(fetch, 7)
        """
    finding = only(source)
    assert (finding.code, finding.severity) == ("LOOP104", Severity.ERROR)
    assert "Not running inside an AnyIO worker thread" in finding.message
    assert preferred(source).splitlines()[-1] == "    return await fetch(7)"


def test_anyio_from_thread_run_sync_on_the_loop_thread_is_an_error() -> None:
    source = """
        from anyio import from_thread

        async def handler():
            from_thread.run_sync(print, "hello")
        """
    finding = only(source)
    assert finding.code == "LOOP104"
    assert finding.safe_fix is None
    assert fix_of(finding, FixKind.NOQA)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import anyio.from_thread

            async def handler(token):
                return anyio.from_thread.run(fetch, token=token)
            """,
            id="a token names the loop to reach",
        ),
        pytest.param(
            """
            import anyio
            import anyio.from_thread

            def work():
                return anyio.from_thread.run(fetch)

            async def handler():
                return await anyio.to_thread.run_sync(work)
            """,
            id="called from a worker thread",
        ),
    ],
)
def test_anyio_from_thread_where_it_works_is_not_flagged(source: str) -> None:
    assert codes(source) == []


def test_a_helper_that_reaches_back_into_the_loop_gets_no_worker_thread_choice() -> None:
    """In a thread of ``asyncio.to_thread`` anyio has no loop to reach back to: it raises there
    too, so the LOOP201 choice of a worker thread is not offered."""
    source = """
        import anyio.from_thread

        def work():
            return anyio.from_thread.run(fetch)

        async def handler():
            return work()
        """
    assert FixKind.REPLACE not in {fix.kind for fix in only(source, "LOOP201").fixes}
