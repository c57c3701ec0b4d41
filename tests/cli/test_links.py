"""A link that leads out of the checked paths is skipped, with one line on stderr: `--fix`
never writes through it. A link that stays inside them is checked and fixed like any file."""

from pathlib import Path

from cli_project import CALL, STARTS_A_LOOP, Project

FIXED = STARTS_A_LOOP.replace(CALL, "await work()")


def test_fix_never_writes_through_a_link_to_a_file_outside_the_checked_folder(
    project: Project,
) -> None:
    outside = project.write("outside/target.py", STARTS_A_LOOP)
    project.write("checked/app.py", STARTS_A_LOOP)
    link = project.root / "checked" / "linked.py"
    link.symlink_to(outside)

    result = project.run("check", "--fix", "checked")

    assert outside.read_text(encoding="utf-8") == STARTS_A_LOOP
    assert project.read("checked/app.py") == FIXED
    [warning] = result.stderr.splitlines()
    assert warning == (
        f"looplint: warning: {Path('checked', 'linked.py')}: skipped, a link to "
        f"{outside.resolve()}, outside the checked paths"
    )
    assert "linked.py" not in result.stdout


def test_a_link_outside_the_checked_folder_is_not_even_read(project: Project) -> None:
    project.write("outside/secret.py", STARTS_A_LOOP)
    project.write("checked/app.py", "print('nothing to report')\n")
    (project.root / "checked" / "passwd.py").symlink_to(project.root / "outside" / "secret.py")

    result = project.run("check", "checked")

    assert result.status == 0
    assert "passwd" not in result.stdout
    assert "passwd.py: skipped, a link to" in result.stderr


def test_a_link_inside_the_checked_folder_is_fixed_through(project: Project) -> None:
    real = project.write("checked/real/app.py", STARTS_A_LOOP)
    (project.root / "checked" / "alias.py").symlink_to(real)

    result = project.run("check", "--fix", "checked")

    assert result.stderr == ""
    assert real.read_text(encoding="utf-8") == FIXED
    assert (project.root / "checked" / "alias.py").is_symlink()


def test_a_link_named_on_the_command_line_is_checked_as_asked(project: Project) -> None:
    outside = project.write("outside/target.py", STARTS_A_LOOP)
    (project.root / "named.py").symlink_to(outside)

    result = project.run("check", "--fix", "named.py")

    assert result.stderr == ""
    assert outside.read_text(encoding="utf-8") == FIXED
