"""Runs a notebook's code cells the way a Jupyter kernel does, without Jupyter.

ipykernel executes every cell inside its running asyncio event loop and allows ``await`` at a
cell's top level. This does the same, stdlib only: each code cell is compiled with top-level
``await`` allowed and run, in order, in one namespace, inside ``asyncio.run``.

Usage: python notebook_kernel.py NOTEBOOK.ipynb
"""

import ast
import asyncio
import json
import sys


def code_cells(path: str) -> list[str]:
    with open(path, encoding="utf-8") as file:
        notebook = json.load(file)
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


async def run_cells(cells: list[str]) -> None:
    namespace: dict[str, object] = {"__name__": "__main__"}
    for index, source in enumerate(cells):
        code = compile(source, f"<cell {index}>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        awaiting = eval(code, namespace)  # a coroutine when the cell awaits at top level
        if awaiting is not None:
            await awaiting


if __name__ == "__main__":
    asyncio.run(run_cells(code_cells(sys.argv[1])))
