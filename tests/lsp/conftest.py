"""A shared server per client preset, for the tests that need no special settings."""

from __future__ import annotations

import pytest
import pytest_lsp

from .editor_client import PRESETS, SERVER, EditorClient


@pytest_lsp.fixture(config=SERVER, params=PRESETS, scope="module")
async def editor(request: pytest.FixtureRequest, lsp_client: EditorClient):
    await lsp_client.start_session(request.param)
    yield
    await lsp_client.shutdown_session()
