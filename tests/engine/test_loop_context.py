"""Loop context: which code runs while an event loop is running (design §2).

``asyncio.run`` is the probe: it is flagged exactly where it would run on a thread whose loop
is running, and an ``await`` fix is offered only where ``await`` is legal.
"""

import pytest
from analyzed import codes, findings, fix_of, kinds, only
from looplint.engine import FixKind


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("asyncio.run(work())", id="statement"),
        pytest.param("value = asyncio.run(work())", id="assignment"),
        pytest.param("return asyncio.run(work())", id="return"),
        pytest.param("print(asyncio.run(work()))", id="argument"),
        pytest.param("if ready:\n    asyncio.run(work())", id="if"),
        pytest.param("for item in items:\n    asyncio.run(work(item))", id="for"),
        pytest.param("while pending():\n    asyncio.run(work())", id="while"),
        pytest.param("try:\n    asyncio.run(work())\nexcept OSError:\n    pass", id="try"),
        pytest.param("try:\n    pass\nfinally:\n    asyncio.run(work())", id="finally"),
        pytest.param("with lock:\n    asyncio.run(work())", id="with"),
        pytest.param("async with session:\n    asyncio.run(work())", id="async with"),
        pytest.param("async for row in rows:\n    asyncio.run(work(row))", id="async for"),
        pytest.param("match event:\n    case 'go':\n        asyncio.run(work())", id="match"),
        pytest.param("results = [asyncio.run(work(x)) for x in items]", id="list comprehension"),
        pytest.param("results = {asyncio.run(work(x)) for x in items}", id="set comprehension"),
        pytest.param("results = {x: asyncio.run(work(x)) for x in items}", id="dict comprehension"),
        pytest.param("total = sum(asyncio.run(work(x)) for x in items)", id="generator expression"),
        pytest.param("text = f'{asyncio.run(work())}'", id="f-string"),
        pytest.param("value = ready and asyncio.run(work())", id="boolean operand"),
        pytest.param("value = asyncio.run(work()) if ready else None", id="conditional expression"),
        pytest.param(
            "def callback(value=asyncio.run(work())):\n    pass", id="default of a nested def"
        ),
        pytest.param(
            "callback = lambda value=asyncio.run(work()): value", id="default of a lambda"
        ),
        pytest.param(
            "@register(asyncio.run(work()))\ndef callback():\n    pass",
            id="decorator of a nested def",
        ),
        pytest.param(
            "@register(asyncio.run(work()))\nclass Local:\n    pass",
            id="decorator of a nested class",
        ),
        pytest.param(
            "class Local(base(asyncio.run(work()))):\n    pass", id="base of a nested class"
        ),
        pytest.param("class Local:\n    value = asyncio.run(work())", id="body of a nested class"),
    ],
)
def test_code_that_runs_on_the_coroutines_thread_is_flagged(body: str) -> None:
    indented = "\n".join("    " + line for line in body.splitlines())
    source = f"import asyncio\n\nasync def handler():\n{indented}\n"
    assert codes(source) == ["LOOP101"]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("asyncio.run(main())", id="module level"),
        pytest.param('if __name__ == "__main__":\n    asyncio.run(main())', id="__main__ guard"),
        pytest.param("def main():\n    asyncio.run(amain())", id="sync def"),
        pytest.param(
            "class Service:\n    def start(self):\n        asyncio.run(self.serve())",
            id="sync method",
        ),
        pytest.param(
            "async def handler():\n    def later():\n        asyncio.run(work())\n    return later",
            id="nested def body",
        ),
        pytest.param(
            "async def handler():\n    return lambda: asyncio.run(work())",
            id="lambda body",
        ),
        pytest.param(
            "async def handler():\n"
            "    class Local:\n"
            "        def method(self):\n"
            "            asyncio.run(work())\n"
            "    return Local",
            id="method of a class defined in a coroutine",
        ),
        pytest.param(
            "async def handler():\n    return await asyncio.to_thread(asyncio.run, work())",
            id="asyncio.run handed to to_thread",
        ),
        pytest.param(
            "async def handler():\n    return await asyncio.to_thread(lambda: asyncio.run(work()))",
            id="lambda handed to to_thread",
        ),
        pytest.param(
            "async def handler():\n"
            "    loop = asyncio.get_running_loop()\n"
            "    return await loop.run_in_executor(None, asyncio.run, work())",
            id="asyncio.run handed to run_in_executor",
        ),
        pytest.param(
            "import threading\n\n"
            "async def handler():\n"
            "    threading.Thread(target=lambda: asyncio.run(work())).start()",
            id="lambda handed to a Thread",
        ),
        pytest.param(
            "from concurrent.futures import ThreadPoolExecutor\n\n"
            "async def handler():\n"
            "    with ThreadPoolExecutor() as pool:\n"
            "        pool.submit(asyncio.run, work()).result\n",
            id="asyncio.run handed to Executor.submit",
        ),
    ],
)
def test_code_that_runs_without_a_running_loop_is_not_flagged(source: str) -> None:
    assert codes("import asyncio\n\n" + source + "\n") == []


def test_an_async_def_nested_in_a_sync_def_is_loop_context() -> None:
    source = """
        import asyncio

        def make_handler():
            async def handler():
                asyncio.run(work())
            return handler
        """
    assert codes(source) == ["LOOP101"]


def test_an_async_method_is_loop_context() -> None:
    source = """
        import asyncio

        class Service:
            async def handle(self):
                asyncio.run(self.work())
        """
    assert codes(source) == ["LOOP101"]


def test_an_async_def_nested_in_a_coroutine_is_loop_context() -> None:
    source = """
        import asyncio

        async def outer():
            async def inner():
                asyncio.run(work())
            await inner()
        """
    assert codes(source) == ["LOOP101"]


def test_only_the_call_inside_the_coroutine_is_flagged() -> None:
    source = """
        import asyncio

        asyncio.run(setup())

        def sync_entry():
            asyncio.run(main())

        async def main():
            asyncio.run(work())

        if __name__ == "__main__":
            asyncio.run(main())
        """
    assert [f.span.start.line + 1 for f in findings(source)] == [9]


def test_a_class_body_in_a_coroutine_gets_no_await_fix() -> None:
    source = """
        import asyncio

        async def handler():
            class Settings:
                token = asyncio.run(fetch_token())
            return Settings
        """
    finding = only(source)
    assert FixKind.AWAIT not in kinds(finding)
    assert finding.safe_fix is None


@pytest.mark.parametrize(
    ("body", "replacement"),
    [
        ("results = [asyncio.run(work(x)) for x in items]", "await work(x)"),
        ("text = f'{asyncio.run(work())}'", "await work()"),
        ("def callback(value=asyncio.run(work())):\n    pass", "await work()"),
        ("@register(asyncio.run(work()))\ndef callback():\n    pass", "await work()"),
        ("callback = lambda value=asyncio.run(work()): value", "await work()"),
    ],
)
def test_await_is_offered_where_the_coroutine_evaluates_it(body: str, replacement: str) -> None:
    indented = "\n".join("    " + line for line in body.splitlines())
    source = f"import asyncio\n\nasync def handler():\n{indented}\n"
    fix = fix_of(only(source), FixKind.AWAIT)
    assert fix.safe
    assert fix.edits[0].new_text == replacement


def test_a_generator_expression_gets_no_await_fix() -> None:
    source = """
        import asyncio

        async def handler(items):
            return sum(asyncio.run(work(x)) for x in items)
        """
    finding = only(source)
    assert FixKind.AWAIT not in kinds(finding)
    assert finding.safe_fix is None


def test_the_seed_articles_first_example_is_flagged() -> None:
    source = """
        import asyncio

        async def my_coroutine():
            print("Running my_coroutine")
            await asyncio.sleep(0.1)

        async def main():
            print("Inside main - loop is running")
            try:
                asyncio.run(my_coroutine())
            except RuntimeError as e:
                print(f"Caught error: {e}")

        print("Starting outer asyncio.run")
        asyncio.run(main())
        print("Finished outer asyncio.run")
        """
    finding = only(source)
    assert (finding.code, finding.span.start.line + 1) == ("LOOP101", 10)


def test_the_seed_articles_correct_solution_is_clean() -> None:
    source = """
        import asyncio

        async def my_coroutine():
            print("Running my_coroutine")
            await asyncio.sleep(0.1)
            print("Finished my_coroutine")

        async def main():
            print("Inside main")
            await my_coroutine()
            print("Back in main after await")
            await my_coroutine()
            print("Finished second await in main")

        print("Starting asyncio.run")
        asyncio.run(main())
        print("Finished asyncio.run")
        """
    assert codes(source) == []


def test_the_seed_articles_manual_loop_example_is_clean() -> None:
    source = """
        import asyncio
        import sys

        async def my_coroutine():
            print("Running my_coroutine")
            await asyncio.sleep(0.1)

        async def main():
            print("Inside main")
            await my_coroutine()
            print("Coroutine awaited in main")

        try:
            loop = asyncio.get_running_loop()
            print("Using existing event loop")
        except RuntimeError:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            print("Created new event loop")

        try:
            print("Starting loop.run_until_complete")
            loop.run_until_complete(main())
            print("Finished loop.run_until_complete")
        finally:
            pass
        """
    assert codes(source) == []


def test_the_seed_articles_task_example_is_clean() -> None:
    source = """
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)

        async def my_coroutine(index):
            print(f'ABC {index}')
            await asyncio.sleep(0.1)
            print(f'XYZ {index}')

        async def main():
            tasks = []
            for index in range(3):
                task = loop.create_task(my_coroutine(index))
                tasks.append(task)
            await asyncio.gather(*tasks)
            print("All tasks finished")

        try:
            loop.run_until_complete(main())
        finally:
            pass
        """
    assert codes(source) == []


def test_the_seed_articles_nest_asyncio_workaround_is_reported_as_such() -> None:
    source = """
        import asyncio
        import nest_asyncio
        nest_asyncio.apply()

        async def my_coroutine():
            print("Running my_coroutine (nested allowed)")
            await asyncio.sleep(0.1)

        async def main():
            print("Inside main (nesting allowed)")
            asyncio.run(my_coroutine())
            print("Finished nested run")

        asyncio.run(main())
        """
    assert codes(source) == ["LOOP401", "LOOP101"]


def forking_coroutine(body: str) -> str:
    return "import asyncio\nimport os\n\nasync def handler():\n    " + body + "\n"


@pytest.mark.parametrize(
    "fork",
    [
        pytest.param("if os.fork() == 0:\n        CHILD", id="os.fork() == 0"),
        pytest.param("if 0 == os.fork():\n        CHILD", id="0 == os.fork()"),
        pytest.param("pid = os.fork()\n    if pid == 0:\n        CHILD", id="pid == 0"),
        pytest.param("pid = os.fork()\n    if not pid:\n        CHILD", id="not pid"),
        pytest.param(
            "pid = os.fork()\n    if pid:\n        wait()\n    else:\n        CHILD",
            id="else of pid",
        ),
        pytest.param(
            "pid = os.fork()\n    if pid > 0:\n        wait()\n    else:\n        CHILD",
            id="else of pid > 0",
        ),
        pytest.param(
            "if os.fork() != 0:\n        wait()\n    else:\n        CHILD", id="else of != 0"
        ),
    ],
)
def test_the_child_of_os_fork_runs_no_loop(fork: str) -> None:
    # motor 3.7.1 test/asyncio_tests/test_asyncio_basic.py:164, where the safe fix broke the test
    assert codes(forking_coroutine(fork.replace("CHILD", "asyncio.run(work())"))) == []


@pytest.mark.parametrize(
    "fork",
    [
        pytest.param("if os.fork():\n        PARENT", id="the parent's branch"),
        pytest.param("pid = os.fork()\n    if pid != 0:\n        PARENT", id="pid != 0"),
        pytest.param("if os.fork() == 0:\n        pass\n    PARENT", id="after the child's branch"),
        pytest.param("pid = other()\n    if pid == 0:\n        PARENT", id="not a fork's pid"),
    ],
)
def test_the_parent_of_os_fork_still_runs_the_loop(fork: str) -> None:
    assert codes(forking_coroutine(fork.replace("PARENT", "asyncio.run(work())"))) == ["LOOP101"]
