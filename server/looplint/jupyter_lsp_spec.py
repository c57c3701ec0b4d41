"""How jupyter-lsp (JupyterLab's language server proxy) finds looplint's language server.

jupyter-lsp calls the functions of its ``jupyter_lsp_spec_v1`` entry points to learn which
servers can be started. jupyterlab-lsp then connects each notebook to *one* server per
language: if looplint offered itself beside another Python server, one of the two would go
unused (by rank, else by name). So looplint offers its own server only when no other Python
language server is installed; with python-lsp-server installed, looplint's pylsp plugin brings
the same diagnostics through pylsp instead.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import sys
from typing import Any

logger = logging.getLogger(__name__)

SPEC_VERSION = 2
"""The jupyter-lsp spec schema version this spec follows."""
OTHER_PYTHON_MODULES = ("pylsp", "jedi_language_server", "pyls")
"""Python language servers jupyter-lsp finds as installed modules."""
OTHER_PYTHON_COMMANDS = (
    "pyright-langserver",
    "basedpyright-langserver",
    "pyrefly",
    "ty",
)
"""Python language servers jupyter-lsp finds as commands on ``PATH``."""


def looplint_spec(manager: Any) -> dict[str, dict[str, Any]]:
    """looplint's server spec, or none when another Python language server will be used."""
    other = _other_python_server()
    if other is not None:
        logger.info("looplint: %s serves Python notebooks; not offering looplint's server", other)
        return {}
    return {
        "looplint": {
            "version": SPEC_VERSION,
            "argv": [sys.executable, "-m", "looplint", "server"],
            "languages": ["python"],
            "mime_types": ["text/python", "text/x-ipython", "text/x-python"],
            "display_name": "looplint",
            "requires_documents_on_disk": False,
            "urls": {
                "home": "https://github.com/looplint/looplint",
                "issues": "https://github.com/looplint/looplint/issues",
            },
            "install": {"pip": "pip install looplint"},
        }
    }


def _other_python_server() -> str | None:
    """The name of another installed Python language server, if any."""
    for module in OTHER_PYTHON_MODULES:
        if importlib.util.find_spec(module) is not None:
            return module
    return next((command for command in OTHER_PYTHON_COMMANDS if shutil.which(command)), None)
