"""``make real-code``: looplint over pinned public async packages, every finding judged.

Downloads the pinned sdists (cached in bench/.cache), unpacks their ``.py`` files into
bench/real-code/, runs ``looplint check`` on each package as a project of its own (default
selection), and writes bench/REAL_CODE.md: the packages with versions and line counts, then
every finding that is not a hint, with its verdict from bench/real_code_verdicts.toml — true
(and why it raises) or false (and why not; each false one is then fixed in the engine, with a
regression test that cites the package and line). A finding without a verdict is listed as
"not judged yet", so a new one cannot go unnoticed. The target: no known false finding.

Exit status: 0 when every finding has a verdict and none is false, 1 otherwise.
"""

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from corpus_builder import (
    download_sdists,
    load_corpus,
    make_separate_project,
    unpack_python_files,
)

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
ROOT = BENCH / "real-code"
REPORT = BENCH / "REAL_CODE.md"
VERDICTS = BENCH / "real_code_verdicts.toml"
CHECK_TIMEOUT_SECONDS = 1800

REAL_CODE_SDISTS: tuple[tuple[str, str], ...] = (
    ("aiogram", "3.31.0"),
    ("aiohttp", "3.14.5"),
    ("anyio", "4.16.0"),
    ("asgiref", "3.13.0"),
    ("channels", "4.3.2"),
    ("discord.py", "2.7.1"),
    ("distributed", "2026.8.0"),
    ("django", "5.2.19"),
    ("httpx", "0.28.1"),
    ("hypercorn", "0.18.0"),
    ("ipykernel", "7.4.0"),
    ("jupyter-core", "5.9.1"),
    ("langchain-core", "1.8.4"),
    ("llama-index-core", "0.14.25"),
    ("motor", "3.7.1"),
    ("nest-asyncio", "1.6.0"),
    ("prefect", "3.9.1"),
    ("pyrogram", "2.0.106"),
    ("pytest-asyncio", "1.5.0"),
    ("python-telegram-bot", "22.8"),
    ("redis", "8.2.0"),
    ("sanic", "25.12.1"),
    ("starlette", "1.10.0"),
    ("textual", "8.2.8"),
    ("tornado", "6.6.1"),
    ("trio", "0.35.0"),
    ("uvicorn", "0.55.0"),
)
"""Exact versions: the verdicts name lines of exactly this code."""


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    files: int
    lines: int


@dataclass(frozen=True)
class Finding:
    package: str
    path: str  # inside the package's sdist
    line: int
    code: str
    severity: str
    message: str
    safe_fix: bool

    @property
    def key(self) -> str:
        """How bench/real_code_verdicts.toml names it: ``package/path:line CODE``."""
        return f"{self.package}/{self.path}:{self.line} {self.code}"


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="one folder per package")
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    parser.add_argument(
        "--no-download",
        action="store_true",
        help="check the package folders already in --root as they are (version 'local')",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    arguments = parse_arguments(argv)
    root: Path = arguments.root
    if arguments.no_download:
        folders = sorted(p.name for p in root.iterdir() if p.is_dir())
        packages = [_package(root, name, "local") for name in folders]
    else:
        packages = [_unpacked(root, name, version) for name, version in REAL_CODE_SDISTS]
    findings = [finding for package in packages for finding in _check(root, package.name)]
    verdicts_file: Path = arguments.verdicts
    verdicts = (
        tomllib.loads(verdicts_file.read_text(encoding="utf-8")) if verdicts_file.is_file() else {}
    )
    arguments.report.write_text(render(packages, findings, verdicts), encoding="utf-8")
    unjudged = [f.key for f in findings if f.key not in verdicts]
    false = [f.key for f in findings if verdicts.get(f.key, "").startswith("false")]
    summary = f"{len(findings)} findings, {len(false)} false, {len(unjudged)} not judged"
    print(f"{summary}: {arguments.report}")
    return 1 if unjudged or false else 0


def _unpacked(root: Path, name: str, version: str) -> Package:
    """The package's ``.py`` files under ``root/<name>/``, unpacked once per version."""
    folder = root / name
    marker = folder / ".version"
    if not marker.is_file() or marker.read_text(encoding="utf-8") != version:
        (archive,) = download_sdists(CACHE, ((name, version),))
        shutil.rmtree(folder, ignore_errors=True)
        unpack_python_files(archive, folder)
        make_separate_project(folder)
        marker.write_text(version, encoding="utf-8")
    return _package(root, name, version)


def _package(root: Path, name: str, version: str) -> Package:
    corpus = load_corpus(root / name)
    return Package(name, version, len(corpus.files), corpus.lines)


def _check(root: Path, name: str) -> list[Finding]:
    """``looplint check`` of one package, default selection, hints left out."""
    folder = root / name
    completed = subprocess.run(
        [sys.executable, "-m", "looplint", "check", "--output-format", "json", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT_SECONDS,
        check=False,
    )
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"looplint check failed on {name}: {completed.stderr}")
    return [
        Finding(
            name,
            Path(item["path"]).as_posix(),
            item["range"]["start"]["line"],
            item["code"],
            item["severity"],
            item["message"],
            any(fix["safe"] for fix in item["fixes"]),
        )
        for item in json.loads(completed.stdout)
        if item["severity"] != "hint"
    ]


def render(packages: list[Package], findings: list[Finding], verdicts: dict[str, str]) -> str:
    """bench/REAL_CODE.md."""
    lines = [
        "# looplint on real code",
        "",
        "<!-- Written by `make real-code` (bench/real_code.py); verdicts live in",
        "     bench/real_code_verdicts.toml. -->",
        "",
        f"`looplint check` (default selection) over {len(packages)} public async packages,"
        f" {sum(p.lines for p in packages):,} lines, each checked as a project of its own from"
        " its pinned sdist. Every finding that is not a hint is listed with its verdict: *true*"
        " (the code fails at run time as the message says) or *false* (it does not; then the"
        " engine is fixed, with a regression test citing the package and line).",
        "",
        "| package | version | .py files | lines |",
        "|---|---|---:|---:|",
        *(f"| {p.name} | {p.version} | {p.files:,} | {p.lines:,} |" for p in packages),
        "",
        "## Findings",
        "",
    ]
    true = sum(verdicts.get(f.key, "").startswith("true") for f in findings)
    false = sum(verdicts.get(f.key, "").startswith("false") for f in findings)
    unjudged = sum(f.key not in verdicts for f in findings)
    lines += [
        f"{len(findings)} findings: {true} true, {false} false, {unjudged} not judged yet.",
        "",
    ]
    for finding in findings:
        safe = ", safe fix" if finding.safe_fix else ""
        verdict = verdicts.get(finding.key, "**not judged yet**")
        lines += [
            f"- `{finding.package}/{finding.path}:{finding.line}` {finding.code}"
            f" ({finding.severity}{safe}) — {verdict}",
        ]
    stale = sorted(set(verdicts) - {f.key for f in findings})
    if stale:
        lines += ["", "## Judged findings no longer reported", ""]
        lines += [f"- `{key}` — {verdicts[key]}" for key in stale]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
