"""looplint: find and fix calls that start an asyncio event loop inside a running one."""

# The one place the version is written (pyproject.toml reads it from here): a constant, so
# that `looplint check` need not import importlib.metadata (a tenth of its start-up) to know it.
__version__ = "0.1.0"
