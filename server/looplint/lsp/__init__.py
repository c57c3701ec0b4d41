"""looplint's language server (pygls): a thin front end that translates engine findings to LSP.

``serve`` starts it; ``handlers/`` holds one module per LSP method.
"""

from looplint.lsp.main import serve

__all__ = ["serve"]
