"""`looplint server` starts the language server on stdio; `check` never loads it."""

import json
import subprocess
import sys

from cli_project import STARTS_A_LOOP, Project


def framed(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def test_server_answers_initialize_on_stdio(project: Project) -> None:
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    completed = subprocess.run(
        [sys.executable, "-m", "looplint", "server", "--stdio", "--log-level", "WARNING"],
        input=b"".join(framed(message) for message in messages),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert completed.stdout.startswith(b"Content-Length: ")
    assert b'"capabilities"' in completed.stdout
    assert b"Traceback" not in completed.stderr


def test_bad_server_options_are_usage_errors(project: Project) -> None:
    assert project.run("server", "--tcp", "localhost").status == 2
    assert project.run("server", "--log-level", "loud").status == 2


def test_check_does_not_import_the_language_server(project: Project) -> None:
    project.write("app.py", STARTS_A_LOOP)
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "looplint", "check", "app.py"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1
    assert "looplint.cli.check_command" in completed.stderr
    assert "pygls" not in completed.stderr
