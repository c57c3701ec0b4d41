"""looplint's settings: ``[tool.looplint]`` in pyproject.toml and editor settings, validated.

Shared by the command line and the language server, so both read a project the same way.
"""

from looplint.config.errors import ConfigError
from looplint.config.options import Options, parse_options
from looplint.config.pyproject import find_pyproject, load_pyproject
from looplint.config.selection import select_rules

__all__ = [
    "ConfigError",
    "Options",
    "find_pyproject",
    "load_pyproject",
    "parse_options",
    "select_rules",
]
