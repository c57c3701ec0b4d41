"""The README recipes for editors this machine cannot run (Helix, Sublime Text) at least say
the right things: they start `looplint server` for Python and ask for fix-all on save."""

from __future__ import annotations

import json
import sys

from readme_recipes import readme_code_block

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

FIX_ALL = "source.fixAll.looplint"


def test_the_helix_recipe_starts_looplint_for_python_and_fixes_on_save() -> None:
    recipe = tomllib.loads(readme_code_block("Helix", "toml"))

    server = recipe["language-server"]["looplint"]
    assert [server["command"], *server["args"]] == ["looplint", "server"]
    [python] = recipe["language"]
    assert python["name"] == "python"
    assert "looplint" in python["language-servers"]
    assert {"code-action": FIX_ALL, "enabled": True} in python["code-actions-on-save"]


def test_the_sublime_recipe_starts_looplint_for_python_and_fixes_on_save() -> None:
    recipe = json.loads(readme_code_block("Sublime Text (LSP package)", "json"))

    client = recipe["clients"]["looplint"]
    assert client["enabled"] is True
    assert client["command"] == ["looplint", "server"]
    assert client["selector"] == "source.python"
    assert recipe["lsp_code_actions_on_save"] == {FIX_ALL: True}
