"""The editor set-up recipes exactly as README.md prints them, so the tests run what users copy."""

from __future__ import annotations

import re

from headless_editor import REPO_ROOT

README = REPO_ROOT / "README.md"


def readme_code_block(heading: str, language: str) -> str:
    """The first ```language block under the README's `### heading`."""
    text = README.read_text(encoding="utf-8")
    section = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^##)", text + "\n##", re.M | re.S)
    assert section, f"README.md has no '### {heading}' section"
    block = re.search(rf"^```{language}\n(.*?)^```", section.group(1), re.M | re.S)
    assert block, f"README.md '### {heading}' has no ```{language} block"
    return block.group(1)
