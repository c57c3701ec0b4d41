"""One diagnostics channel per client: pulls only for a client that can also be asked to pull
again when another file changes its findings; every other client is pushed to, and is not
offered pulls at all (Neovim keeps pulled and pushed diagnostics apart and shows both)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound

from .editor_client import REFRESHING, SERVER, EditorClient

pytestmark = pytest.mark.asyncio(loop_scope="function")

PROGRAM = "import asyncio\n\n\nasync def main():\n    asyncio.run(work())\n"


@pytest_lsp.fixture(config=SERVER, params=["neovim@v0.11.0", f"neovim@v0.11.0{REFRESHING}"])
async def neovim(request: pytest.FixtureRequest, lsp_client: EditorClient) -> AsyncIterator[None]:
    result = await lsp_client.start_session(request.param)
    lsp_client.offered_pulls = result.capabilities.diagnostic_provider is not None
    lsp_client.can_be_asked_again = request.param.endswith(REFRESHING)
    yield
    await lsp_client.shutdown_session()


async def test_a_pulling_client_is_offered_pulls_only_if_it_can_be_asked_to_pull_again(
    neovim: EditorClient,
) -> None:
    assert neovim.offered_pulls == neovim.can_be_asked_again  # type: ignore[attr-defined]


async def test_each_finding_reaches_the_client_through_one_channel_once(
    neovim: EditorClient,
) -> None:
    uri = "file:///looplint-tests/channel/one.py"
    neovim.open(uri, PROGRAM)

    [diagnostic] = await neovim.current_diagnostics(uri)

    assert diagnostic.code == "LOOP101"
    if neovim.offered_pulls:  # type: ignore[attr-defined]
        assert neovim.publishes_for(uri) == []  # pulled above
    else:
        [published] = neovim.publishes_for(uri)
        assert [d.code for d in published.diagnostics] == ["LOOP101"]
        with pytest.raises(JsonRpcMethodNotFound):
            await neovim.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri))
            )
