"""Reading what a module's imports reach, from its text: the project index's first filter."""

import pytest
from looplint.engine.imported_names import Imports, imported_bindings, read_imports


@pytest.mark.parametrize(
    ("statement", "prefixes", "modules"),
    [
        ("from pkg.api import Client", {"pkg.api.Client"}, set()),
        ("from pkg.api import Client as C, load", {"pkg.api.Client", "pkg.api.load"}, set()),
        (
            "from pkg.api import (\n    Client,\n    load,\n)",
            {"pkg.api.Client", "pkg.api.load"},
            set(),
        ),
        ("from pkg.api import *", set(), {"pkg.api"}),
        ("import pkg", set(), {"pkg"}),
        ("import pkg as p", set(), {"pkg"}),
        ("import pkg.api", {"pkg.api"}, {"pkg"}),
        ("import pkg.api as api", {"pkg.api"}, set()),
        ("import os, pkg.api", {"pkg.api"}, {"os", "pkg"}),
        ("    from pkg import load  # inside a function", {"pkg.load"}, set()),
    ],
)
def test_what_an_import_statement_reaches(
    statement: str, prefixes: set[str], modules: set[str]
) -> None:
    assert read_imports(statement, "app") == Imports(frozenset(prefixes), frozenset(modules))


@pytest.mark.parametrize(
    ("statement", "module", "is_package", "prefix"),
    [
        ("from . import helpers", "pkg.api", False, "pkg.helpers"),
        ("from .helpers import load", "pkg.api", False, "pkg.helpers.load"),
        ("from ..helpers import load", "pkg.sub.api", False, "pkg.helpers.load"),
        ("from . import helpers", "pkg", True, "pkg.helpers"),
        ("from .helpers import load", "pkg.sub", True, "pkg.sub.helpers.load"),
    ],
)
def test_relative_imports_are_resolved_against_the_module(
    statement: str, module: str, is_package: bool, prefix: str
) -> None:
    assert read_imports(statement, module, is_package=is_package).prefixes == {prefix}


def test_a_relative_import_above_the_top_package_reaches_nothing() -> None:
    assert read_imports("from ... import helpers", "pkg.api") == Imports(frozenset(), frozenset())


def test_words_that_only_look_like_imports_are_ignored() -> None:
    text = 'message = "nothing to import here"\n# import pkg\nimported = 1\n'
    assert read_imports(text, "app") == Imports(frozenset(), frozenset())


def test_a_dotted_import_reaches_its_module_and_binds_its_package() -> None:
    assert read_imports("import os.path\nfrom pkg.api import load\n", "app") == Imports(
        prefixes=frozenset({"os.path", "pkg.api.load"}), modules=frozenset({"os"})
    )


def test_bindings_name_what_each_import_binds() -> None:
    text = """\
from .helpers import load_config as load, save
import pkg.api as api
import os
from pkg.all import *
"""
    assert imported_bindings(text, "pkg", is_package=True) == {
        "load": "pkg.helpers.load_config",
        "save": "pkg.helpers.save",
        "api": "pkg.api",
    }
