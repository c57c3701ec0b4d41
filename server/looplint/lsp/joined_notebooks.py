"""Notebooks that reach the server as one text document, and are analyzed as notebooks.

jupyterlab-lsp does not send LSP notebook documents: it joins a notebook's code cells into
one Python text (IPython magics rewritten as ``get_ipython()`` calls, blank lines between
cells) and opens it as a text document named after the notebook,
``file://<root>/.virtual_documents/<path>.ipynb``. The top level of that text runs in the
kernel's event loop, unlike a script's, so it is analyzed as notebook cells. A ``.py`` file
with the same text stays a script.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

NOTEBOOK_SUFFIX = ".ipynb"


def is_joined_notebook(uri: str) -> bool:
    """Whether the text document at ``uri`` is a notebook's code cells joined into one text.

    Only a notebook is named ``*.ipynb``: a text document by that name is never a Python
    module (the file itself is JSON, which no client sends as Python).
    """
    return unquote(urlsplit(uri).path).lower().endswith(NOTEBOOK_SUFFIX)
