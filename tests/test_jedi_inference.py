"""jedi answers what looplint's own resolution cannot: which function a call runs.

The .vsix bundles only the typeshed stubs jedi reads for these answers: tests/vscode/
test_vscode_package.py runs this file against the bundled libraries and checks that every stub
read here is bundled, so a way of reaching a call through the standard library belongs here.
"""

from pathlib import Path

import pytest
from looplint.engine.analysis import analyze_module
from looplint.engine.findings import Position
from looplint.engine.project import ProjectIndex, ProjectModule
from looplint.jedi_inference import JediInference, import_roots

CLIENT = """\
class Client:
    def load(self):
        return 1


def get_client():
    return Client()
"""
APP = """\
from shop.client import get_client

client = get_client()
client.load()
"""


def write_project(root: Path) -> tuple[ProjectModule, ProjectModule]:
    (root / "src" / "shop").mkdir(parents=True)
    (root / "src" / "shop" / "__init__.py").write_text("")
    (root / "src" / "shop" / "client.py").write_text(CLIENT)
    (root / "src" / "app.py").write_text(APP)
    package = ProjectModule("shop", str(root / "src" / "shop" / "__init__.py"), True)
    return package, ProjectModule("app", str(root / "src" / "app.py"))


def client_file(root: Path) -> str:
    return str(root / "src" / "shop" / "client.py")


def test_the_import_roots_are_the_folders_modules_are_imported_from(tmp_path: Path) -> None:
    package, app = write_project(tmp_path)
    assert import_roots([package, app]) == [(tmp_path / "src").absolute()]


def test_a_method_of_a_factorys_result_is_resolved_to_its_qualified_name(tmp_path: Path) -> None:
    package, app = write_project(tmp_path)
    infer = JediInference([package, app])
    assert infer(app, APP, Position(3, len("client.load") - 1)) == (
        client_file(tmp_path),
        "Client.load",
    )


# Ways a Client reaches a call through the standard library's types; jedi reads their stubs.
THROUGH_THE_STANDARD_LIBRARY = {
    "a context manager": """\
import contextlib
from shop.client import Client

@contextlib.contextmanager
def opened():
    yield Client()

with opened() as client:
    client.load()
""",
    "a cached factory": """\
import functools
from shop.client import Client

@functools.lru_cache
def client():
    return Client()

client().load()
""",
    "a partial": """\
import functools
from shop.client import Client

make = functools.partial(Client)
make().load()
""",
    "typing.cast": """\
from typing import cast
from shop.client import Client

cast(Client, object()).load()
""",
    "an Optional parameter": """\
from typing import Optional
from shop.client import Client

def use(client: Optional[Client]):
    client.load()
""",
    "a dataclass field": """\
from dataclasses import dataclass, field
from shop.client import Client

@dataclass
class Service:
    client: Client = field(default_factory=Client)

Service().client.load()
""",
    "a dict": """\
from shop.client import Client

clients = {"main": Client()}
clients.get("main").load()
""",
    "a list": """\
from shop.client import Client

for client in [Client()]:
    client.load()
""",
}


@pytest.mark.parametrize("way", THROUGH_THE_STANDARD_LIBRARY)
def test_a_method_reached_through_the_standard_library_is_resolved(
    way: str, tmp_path: Path
) -> None:
    package, app = write_project(tmp_path)
    text = THROUGH_THE_STANDARD_LIBRARY[way]
    lines = text.splitlines()
    line = next(number for number, content in enumerate(lines) if content.endswith(".load()"))
    position = Position(line, len(lines[line]) - len("load()"))
    infer = JediInference([package, app])
    assert infer(app, text, position) == (client_file(tmp_path), "Client.load")


@pytest.mark.parametrize(
    ("call", "module", "qualified_name"),
    [
        ("asyncio.run(main())", "runners", "run"),
        (
            "asyncio.new_event_loop().run_until_complete(main())",
            "events",
            "AbstractEventLoop.run_until_complete",
        ),
    ],
)
def test_asyncios_loop_starters_are_resolved(
    call: str, module: str, qualified_name: str, tmp_path: Path
) -> None:
    package, app = write_project(tmp_path)
    text = f"import asyncio\n\nasync def main():\n    pass\n\n{call}\n"
    position = Position(5, call.index("(main") - 1)
    infer = JediInference([package, app])
    found = infer(app, text, position)
    assert found is not None
    assert (Path(found[0]).parent.name, Path(found[0]).stem, found[1]) == (
        "asyncio",
        module,
        qualified_name,
    )


def test_a_name_jedi_cannot_resolve_has_no_answer(tmp_path: Path) -> None:
    package, app = write_project(tmp_path)
    infer = JediInference([package, app])
    text = "unknown_thing().load()\n"
    assert infer(app, text, Position(0, len("unknown_thing().load") - 1)) is None


def test_broken_code_has_no_answer_and_raises_nothing(tmp_path: Path) -> None:
    package, app = write_project(tmp_path)
    infer = JediInference([package, app])
    assert infer(app, "def (:\n\x00\x01", Position(5, 40)) is None


STARTS_A_LOOP = """\
import asyncio


class Client:
    def load(self):
        return asyncio.run(fetch())


def get_client():
    return Client()
"""


def index_with_budget(root: Path, budget: float) -> ProjectIndex:
    package, app = write_project(root)
    (root / "src" / "shop" / "client.py").write_text(STARTS_A_LOOP)
    client = ProjectModule("shop.client", str(root / "src" / "shop" / "client.py"))
    index = ProjectIndex(
        lambda module: Path(module.path).read_text(),
        JediInference([package, app]),
        inference_budget=budget,
    )
    for module in (package, client, app):
        starters = analyze_module(
            Path(module.path).read_text(), module_name=module.name, summary_only=True
        ).starters
        index.add_module(module, starters)
    return index


def test_the_index_asks_inference_while_its_budget_lasts(tmp_path: Path) -> None:
    index = index_with_budget(tmp_path, budget=5.0)
    assert (
        index.infer_callee("app", Position(3, len("client.load") - 1)) == "shop.client.Client.load"
    )


def test_the_index_stops_asking_once_its_budget_is_spent(tmp_path: Path) -> None:
    index = index_with_budget(tmp_path, budget=0.0)
    assert index.infer_callee("app", Position(3, len("client.load") - 1)) is None
