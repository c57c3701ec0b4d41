"""What the .vsix carries: the server, its dependencies and the stubs jedi reads, nothing else.

jedi brings 5,500 typeshed stub files; the package keeps the ones LOOP201's inference reads
(vscode-client/bundled-typeshed.txt). The inference specification (tests/test_jedi_inference.py)
must pass on the bundled libraries, and every stub it reads with the full jedi must be bundled.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

LIBS = "extension/bundled/libs/"
STDLIB_STUBS = LIBS + "jedi/third_party/typeshed/stdlib/"
INFERENCE_SPECIFICATION = REPO / "tests" / "test_jedi_inference.py"

# A pytest plugin that records every typeshed stub jedi parses, into the file $STUBS_READ.
STUB_RECORDER = """
import os
import jedi.inference.gradual.typeshed as typeshed

parse = typeshed.parse_stub_module


def recording_parse(inference_state, file_io):
    with open(os.environ["STUBS_READ"], "a") as record:
        record.write(f"{file_io.path}\\n")
    return parse(inference_state, file_io)


typeshed.parse_stub_module = recording_parse
"""


@pytest.fixture(scope="module")
def packaged(vsix: Path) -> list[str]:
    with zipfile.ZipFile(vsix) as archive:
        return archive.namelist()


@pytest.fixture(scope="module")
def bundled_libs(vsix: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    unpacked = tmp_path_factory.mktemp("vsix")
    with zipfile.ZipFile(vsix) as archive:
        archive.extractall(unpacked)
    return unpacked / LIBS


def run_inference_specification(env: dict[str, str]) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(INFERENCE_SPECIFICATION),
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_package_is_a_few_hundred_files(packaged: list[str]) -> None:
    assert len(packaged) < 700


def test_the_server_and_every_dependency_are_packaged(packaged: list[str]) -> None:
    for module in (
        "looplint/__main__.py",
        "pygls/server.py",
        "lsprotocol/types.py",
        "cattrs/__init__.py",
        "attrs/__init__.py",
        "pathspec/__init__.py",
        "jedi/__init__.py",
        "parso/__init__.py",
        "typing_extensions.py",
        "exceptiongroup/__init__.py",
        "tomli/__init__.py",
        "jedi/third_party/typeshed/LICENSE",
        "jedi/third_party/typeshed/stdlib/builtins.pyi",
    ):
        assert LIBS + module in packaged
    licences = [name for name in packaged if "dist-info/" in name and "LICEN" in name.upper()]
    assert len(licences) >= 9, "the dependencies' licences travel with them"


def test_unused_stubs_bytecode_and_sources_of_the_client_are_left_out(packaged: list[str]) -> None:
    left_out = ("/typeshed/stubs/", "/django-stubs/", "__pycache__", ".pyc", "/node_modules/")
    assert [name for name in packaged if any(part in name for part in left_out)] == []
    assert [name for name in packaged if name.endswith((".ts", ".map"))] == []
    assert not any(name.startswith(LIBS + "bin/") for name in packaged)


def test_jedi_answers_the_inference_specification_from_the_bundled_libraries(
    bundled_libs: Path,
) -> None:
    where = subprocess.run(
        [sys.executable, "-c", "import jedi; print(jedi.__file__)"],
        env={**os.environ, "PYTHONPATH": str(bundled_libs)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(bundled_libs)
    run_inference_specification({"PYTHONPATH": str(bundled_libs)})


def test_every_stub_jedi_reads_for_the_specification_is_packaged(
    packaged: list[str], tmp_path: Path
) -> None:
    (tmp_path / "stub_recorder.py").write_text(STUB_RECORDER)
    record = tmp_path / "stubs-read.txt"
    run_inference_specification(
        {
            "PYTHONPATH": str(tmp_path),
            "STUBS_READ": str(record),
            "PYTEST_ADDOPTS": "-p stub_recorder",
        }
    )
    marker = "/jedi/third_party/typeshed/stdlib/"
    read = {line.split(marker)[1] for line in record.read_text().splitlines() if marker in line}
    assert "builtins.pyi" in read
    bundled = {
        name.removeprefix(STDLIB_STUBS) for name in packaged if name.startswith(STDLIB_STUBS)
    }
    assert sorted(read - bundled) == [], "add them to vscode-client/bundled-typeshed.txt"
