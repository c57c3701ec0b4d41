"""``make bench``: time looplint on real code against ``ast.parse``, then write bench/RESULTS.md.

Steps: build (or reuse) the corpus, time the whole-corpus passes, time looplint beside ruff
(cold, warm, one small file), time the CLI with LOOP201 on and off on each folder of the corpus,
measure the language server on files of several sizes and on the largest project, render the
results next to their targets. ``--corpus DIR --no-download`` runs the same machinery on any
folder of Python files (the smoke test uses a tiny generated one).

Exit status: 0 when everything was measured (whether or not targets were met), 1 when a
language server measurement could not be made (the rest of the report is still written), 2 when
the corpus has no Python files.
"""

import argparse
import os
import platform
import sys
from pathlib import Path

from corpus_builder import PINNED_SDISTS, STDLIB_FOLDER, Corpus, build_corpus, load_corpus
from corpus_passes import measure_corpus, measure_folders
from latency_documents import choose_documents
from looplint import __version__
from lsp_client import ServerError
from project_server import ProjectServerFigures, largest_project, measure_project_server
from results_report import CorpusSummary, render
from ruff_comparison import measure_against_ruff
from server_latency import ServerFigures, measure_server

BENCH = Path(__file__).resolve().parent


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time looplint on real code against ast.parse; write bench/RESULTS.md."
    )
    parser.add_argument(
        "--corpus", type=Path, default=BENCH / "corpus", help="folder of the measured files"
    )
    parser.add_argument("--cache", type=Path, default=BENCH / ".cache", help="sdist downloads")
    parser.add_argument(
        "--no-download",
        action="store_true",
        help="use the .py files already in --corpus instead of building the standard corpus",
    )
    parser.add_argument(
        "--results", type=Path, default=BENCH / "RESULTS.md", help="the report to (over)write"
    )
    parser.add_argument(
        "--repeat", type=positive_int, default=3, help="runs of each whole-corpus pass"
    )
    parser.add_argument(
        "--ruff-repeat",
        type=positive_int,
        default=5,
        help="rounds of the comparison with ruff (short runs: more rounds steady the medians)",
    )
    parser.add_argument(
        "--pass-timeout",
        type=positive_int,
        default=300,
        help="seconds after which a whole-corpus run is stopped (and its pass not repeated)",
    )
    parser.add_argument(
        "--latency-repeat",
        type=positive_int,
        default=30,
        help="opens, edits and code actions per file",
    )
    parser.add_argument(
        "--sizes",
        type=lambda text: [positive_int(size) for size in text.split(",")],
        default=[300, 3000, 15000],
        help="line counts of the files the server latency is measured on",
    )
    parser.add_argument(
        "--open-documents",
        type=positive_int,
        default=200,
        help="documents open in the server when its memory is read",
    )
    parser.add_argument(
        "--edits",
        type=positive_int,
        default=10,
        help="edits of the helper module on the largest project, per client (at least 2: "
        "half take its loop start out, half put it back)",
    )
    arguments = parser.parse_args(argv)
    if arguments.edits < 2:
        parser.error("--edits: at least 2 (one each way)")
    return arguments


def main(argv: list[str]) -> int:
    arguments = parse_arguments(argv)
    load_at_start = os.getloadavg()
    corpus_root = arguments.corpus.resolve()
    if arguments.no_download:
        corpus = load_corpus(corpus_root)
    else:
        _progress("building the corpus (downloads are cached in bench/.cache)")
        corpus = build_corpus(corpus_root, arguments.cache)
    if not corpus.files:
        print(f"bench: no .py files under {corpus_root}", file=sys.stderr)
        return 2
    _progress(f"corpus: {len(corpus.files):,} files, {corpus.lines:,} lines")

    figures = measure_corpus(
        corpus,
        arguments.repeat,
        arguments.pass_timeout,
        on_round=lambda number: _progress(
            f"whole corpus, round {number}/{arguments.repeat}: (a) ast.parse, (b) engine, "
            "(c) looplint check, (c') looplint check --ignore LOOP201"
        ),
    )
    ruff = measure_against_ruff(
        corpus,
        arguments.ruff_repeat,
        arguments.pass_timeout,
        on_round=lambda number: _progress(
            f"beside ruff, round {number}/{arguments.repeat}: ruff, looplint cold, warm, warm "
            "after one module changed, one small file"
        ),
    )
    folders = measure_folders(
        corpus,
        arguments.repeat,
        arguments.pass_timeout,
        on_folder=lambda folder: _progress(f"LOOP201 on and off: {folder}/"),
    )

    _progress("language server latency and memory")
    server = _measure_server(corpus, arguments)
    _progress("language server on the largest project: index, memory, edit across modules")
    project_server = _measure_project_server(corpus, arguments.edits)

    report = render(
        _summary(corpus),
        figures,
        folders,
        server,
        project_server,
        ruff,
        looplint_version=__version__,
        load_at_start=load_at_start,
    )
    arguments.results.write_text(report, encoding="utf-8")
    print(report)
    _progress(f"written to {arguments.results}")
    return 1 if isinstance(server, str) or isinstance(project_server, str) else 0


def _measure_server(corpus: Corpus, arguments: argparse.Namespace) -> ServerFigures | str:
    """The server figures, or why they are missing: the rest of the report is still written."""
    documents = choose_documents(corpus, arguments.sizes)
    try:
        return measure_server(
            corpus,
            documents,
            repeat=arguments.latency_repeat,
            open_documents=arguments.open_documents,
        )
    except (ServerError, OSError) as error:
        return _not_measured(error)


def _measure_project_server(corpus: Corpus, edits: int) -> ProjectServerFigures | str:
    """The largest project's figures, or why they are missing."""
    folder = largest_project(corpus)
    if folder is None:
        return "the corpus has no folder besides the standard library."
    try:
        return measure_project_server(corpus, folder, edits)
    except (ServerError, OSError) as error:
        return _not_measured(error)


def _not_measured(error: Exception) -> str:
    print(f"bench: language server not measured: {error}", file=sys.stderr)
    return f"the server failed: `{str(error).splitlines()[0]}` (details on stderr of the run)."


def _summary(corpus: Corpus) -> CorpusSummary:
    parts = []
    stdlib = corpus.files_under(STDLIB_FOLDER)
    if stdlib:
        parts.append(
            f"- `{STDLIB_FOLDER}/`: {len(stdlib):,} files, the standard library of this "
            f"Python {platform.python_version()}, every `.py` file including its test suite "
            "(installed packages and the few test files with undecodable bytes left out)"
        )
    for name, version in PINNED_SDISTS:
        files = corpus.files_under(name)
        if files:
            parts.append(f"- `{name}/`: {len(files):,} files, sdist of {name}=={version}")
    if not parts:
        parts.append(f"- `{corpus.root}`: every `.py` file")
    return CorpusSummary(description="\n".join(parts), files=len(corpus.files), lines=corpus.lines)


def _progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
