"""Where the persistent cache lives, from the command line, the environment and the settings."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from looplint.config import Options

DEFAULT_FOLDER = ".looplint_cache"
ENVIRONMENT_VARIABLE = "LOOPLINT_CACHE_DIR"


def cache_folder(
    command_line: Options,
    file_options: Options,
    project_root: Path,
    *,
    no_cache: bool = False,
    environment: Mapping[str, str] = os.environ,
) -> Path | None:
    """The cache folder for a run over the project at ``project_root``; ``None`` with
    ``--no-cache``.

    The first that is set wins: ``--cache-dir`` (``command_line``), ``$LOOPLINT_CACHE_DIR``
    (relative to the current folder, as a command-line path is), ``cache-dir`` in the
    ``file_options`` (made absolute by ``load_pyproject``), else ``.looplint_cache`` in
    ``project_root``. The environment variable lets CI keep one cache outside the checkout.
    """
    if no_cache:
        return None
    if command_line.cache_dir is not None:
        return command_line.cache_dir
    from_environment = environment.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        return Path(from_environment).expanduser().absolute()
    if file_options.cache_dir is not None:
        return file_options.cache_dir
    return project_root.absolute() / DEFAULT_FOLDER
