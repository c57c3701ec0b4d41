"""looplint: find and fix calls that start an asyncio event loop inside a running one."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("looplint")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
