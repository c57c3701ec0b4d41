"""What each file of a project is called as a module, and where its imports are looked up."""

from pathlib import Path

import pytest
from looplint.project.modules import ModuleNames, project_root, unique_modules


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    return path


def name_of(root: Path, relative: str) -> str | None:
    module = ModuleNames(root).module_for(touch(root / relative))
    return None if module is None else module.name


def search_of(root: Path, relative: str) -> tuple[str, ...]:
    module = ModuleNames(root).module_for(touch(root / relative))
    assert module is not None
    return module.search


def test_a_module_is_its_path_below_the_root(tmp_path: Path) -> None:
    touch(tmp_path / "shop/__init__.py")
    assert name_of(tmp_path, "shop/tasks.py") == "shop.tasks"


def test_a_package_is_its_folder(tmp_path: Path) -> None:
    module = ModuleNames(tmp_path).module_for(touch(tmp_path / "shop/__init__.py"))
    assert module is not None
    assert (module.name, module.is_package) == ("shop", True)


def test_a_folder_without_init_is_a_namespace_package(tmp_path: Path) -> None:
    assert name_of(tmp_path, "app/handlers.py") == "app.handlers"


def test_the_src_layout_is_named_below_src(tmp_path: Path) -> None:
    touch(tmp_path / "src/shop/__init__.py")
    assert name_of(tmp_path, "src/shop/tasks/sync.py") == "shop.tasks.sync"


def test_a_script_beside_the_root_is_its_stem(tmp_path: Path) -> None:
    assert name_of(tmp_path, "tool.py") == "tool"


def test_stubs_notebooks_and_dotted_folders_are_no_modules(tmp_path: Path) -> None:
    assert name_of(tmp_path, "shop/api.pyi") is None
    assert name_of(tmp_path, "nb.ipynb") is None
    assert name_of(tmp_path, "v1.2/run.py") is None


def test_a_folder_no_import_can_name_still_names_its_scripts(tmp_path: Path) -> None:
    assert name_of(tmp_path, "my-scripts/run.py") == "my-scripts.run"
    assert search_of(tmp_path, "my-scripts/run.py") == ("my-scripts", "")


def test_a_script_looks_beside_itself_first(tmp_path: Path) -> None:
    # `python a/jobs.py` puts a/ on sys.path: `import helpers` is a/helpers.py.
    assert search_of(tmp_path, "a/jobs.py") == ("a", "")


def test_a_module_of_a_regular_package_looks_above_its_top_package(tmp_path: Path) -> None:
    touch(tmp_path / "tools/pkg/__init__.py")
    touch(tmp_path / "tools/pkg/sub/__init__.py")
    assert search_of(tmp_path, "tools/pkg/sub/mod.py") == ("tools", "")
    touch(tmp_path / "pkg/__init__.py")
    assert search_of(tmp_path, "pkg/mod.py") == ("",)


def test_imports_in_the_src_layout_look_below_src(tmp_path: Path) -> None:
    touch(tmp_path / "src/shop/__init__.py")
    assert search_of(tmp_path, "src/shop/api.py") == ("",)
    assert search_of(tmp_path, "tests/test_api.py") == ("tests", "")


@pytest.mark.parametrize(
    ("importer", "written", "found"),
    [
        ("a/jobs.py", "helpers", "a/helpers.py"),
        ("b/jobs.py", "helpers", "b/helpers.py"),
        ("b/jobs.py", "helpers.load", "b/helpers.py"),
        ("a/jobs.py", "app.handlers", "app/handlers.py"),
        ("tests/test_api.py", "shop.api.load", "src/shop/api.py"),
        ("tests/test_api.py", "shop", "src/shop/__init__.py"),
        ("a/jobs.py", "asyncio", None),
    ],
)
def test_the_file_an_import_reaches(
    tmp_path: Path, importer: str, written: str, found: str | None
) -> None:
    for relative in (
        "a/helpers.py",
        "b/helpers.py",
        "app/handlers.py",
        "src/shop/__init__.py",
        "src/shop/api.py",
    ):
        touch(tmp_path / relative)
    names = ModuleNames(tmp_path)
    module = names.module_for(touch(tmp_path / importer))
    assert module is not None
    reached = names.file_imported(written, module.search)
    assert reached == (None if found is None else tmp_path / found)


def test_one_module_name_is_one_file(tmp_path: Path) -> None:
    names = ModuleNames(tmp_path)
    files = [touch(tmp_path / "pkg.py"), touch(tmp_path / "pkg/__init__.py")]
    modules = unique_modules((path, names.module_for(path)) for path in files)
    assert list(modules) == [tmp_path / "pkg.py"]


def test_the_root_is_the_nearest_project_folder_above_the_paths(tmp_path: Path) -> None:
    touch(tmp_path / "repo/pyproject.toml")
    touch(tmp_path / "repo/src/shop/api.py")
    assert project_root([tmp_path / "repo/src/shop"], cwd=tmp_path) == tmp_path / "repo"


def test_without_a_project_folder_the_root_is_the_current_folder(tmp_path: Path) -> None:
    touch(tmp_path / "a/jobs.py")
    touch(tmp_path / "b/jobs.py")
    paths = [tmp_path / "a/jobs.py", tmp_path / "b"]
    assert project_root(paths, cwd=tmp_path) == tmp_path
    assert project_root(paths, cwd=tmp_path / "elsewhere") == tmp_path
