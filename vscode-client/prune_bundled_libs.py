"""Removes from bundled/libs what the looplint server never uses, so the .vsix stays small.

jedi carries 5,500 stub files: typeshed's third-party stubs and Django's, used only for packages
installed next to the code (jedi reads their own source instead), and typeshed's standard-library
stubs, of which LOOP201's inference reads a few dozen. The ones kept are listed in
bundled-typeshed.txt. Bytecode is removed too: the extension compiles it into its own storage.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

KEPT_STUBS_LIST = Path(__file__).with_name("bundled-typeshed.txt")


def kept_stubs() -> list[str]:
    """The stub paths (a trailing slash keeps a whole folder) listed in bundled-typeshed.txt."""
    lines = KEPT_STUBS_LIST.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def prune_typeshed(jedi_dir: Path, kept: list[str]) -> None:
    """Keeps only the listed standard-library stubs and typeshed's licence."""
    third_party = jedi_dir / "third_party"
    stdlib = third_party / "typeshed" / "stdlib"
    for entry in kept:
        if not (stdlib / entry).exists():
            raise SystemExit(f"{KEPT_STUBS_LIST.name}: {entry} is not in jedi's typeshed")
    keep_folders = tuple(entry for entry in kept if entry.endswith("/"))
    for path in sorted(stdlib.rglob("*"), reverse=True):
        relative = path.relative_to(stdlib).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif relative not in kept and not relative.startswith(keep_folders):
            path.unlink()
    for path in third_party.iterdir():
        if path.name != "typeshed":
            shutil.rmtree(path)
    for path in (third_party / "typeshed").iterdir():
        if path.name not in ("stdlib", "LICENSE"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def remove_bytecode(libs: Path) -> None:
    for cache in list(libs.rglob("__pycache__")):
        shutil.rmtree(cache)


def main(libs: Path) -> None:
    prune_typeshed(libs / "jedi", kept_stubs())
    remove_bytecode(libs)
    shutil.rmtree(libs / "bin", ignore_errors=True)
    files = sum(1 for path in libs.rglob("*") if path.is_file())
    print(f"bundled/libs: {files} files after pruning")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
