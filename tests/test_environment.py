"""environment.yml and pyproject.toml must name the same packages with the same bounds."""

import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
MIRRORED_EXTRAS = (
    "test",
    "lab",
    "archive",
    "serve",
)  # `bench` is pip-only, as environment.yml says


def pyproject_requirements(pyproject: dict) -> dict[str, SpecifierSet]:
    """{package: bounds} for the runtime dependencies, the mirrored extras and python."""
    project = pyproject["project"]
    lines = list(project["dependencies"])
    for extra in MIRRORED_EXTRAS:
        lines += project["optional-dependencies"][extra]
    found = {"python": SpecifierSet(project["requires-python"])}
    for line in lines:
        req = Requirement(line)
        found[canonicalize_name(req.name)] = req.specifier
    return found


def conda_requirements(environment: dict) -> dict[str, SpecifierSet]:
    """{package: bounds} for the conda packages, ignoring pip itself and the pip section."""
    found = {}
    for item in environment["dependencies"]:
        if not isinstance(item, str) or item == "pip":
            continue
        name, _, spec = item.partition(" ")
        found[canonicalize_name(name)] = SpecifierSet(spec.replace(" ", ""))
    return found


def disagreements(pyproject: dict, environment: dict) -> list[str]:
    """Human-readable differences between the two files (empty when they agree)."""
    pip_side, conda_side = pyproject_requirements(pyproject), conda_requirements(environment)
    problems = [f"{n}: only in pyproject.toml" for n in sorted(pip_side.keys() - conda_side.keys())]
    problems += [
        f"{n}: only in environment.yml" for n in sorted(conda_side.keys() - pip_side.keys())
    ]
    problems += [
        f"{n}: pyproject.toml says {pip_side[n]!s}, environment.yml says {conda_side[n]!s}"
        for n in sorted(pip_side.keys() & conda_side.keys())
        if pip_side[n] != conda_side[n]
    ]
    return problems


@pytest.fixture(scope="module")
def files() -> tuple[dict, dict]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    return pyproject, environment


def test_environment_agrees_with_pyproject(files: tuple[dict, dict]) -> None:
    assert disagreements(*files) == []


def test_environment_installs_the_package_with_test_extra(files: tuple[dict, dict]) -> None:
    _, environment = files
    pip_section = next(i["pip"] for i in environment["dependencies"] if isinstance(i, dict))
    assert pip_section == ["-e .[test,archive,serve]"]
    assert environment["channels"] == ["conda-forge"]


def test_a_package_added_to_one_file_only_is_caught(files: tuple[dict, dict]) -> None:
    pyproject, environment = files
    extra = {**environment, "dependencies": [*environment["dependencies"], "seaborn >=0.13"]}
    assert disagreements(pyproject, extra) == ["seaborn: only in environment.yml"]
    project = {
        **pyproject["project"],
        "dependencies": [*pyproject["project"]["dependencies"], "scipy>=1"],
    }
    assert disagreements({**pyproject, "project": project}, environment) == [
        "scipy: only in pyproject.toml"
    ]


def test_a_changed_bound_is_caught(files: tuple[dict, dict]) -> None:
    pyproject, environment = files
    deps = ["pandas >=2.2" if d == "pandas >=3.0,<4" else d for d in environment["dependencies"]]
    problems = disagreements(pyproject, {**environment, "dependencies": deps})
    assert problems == ["pandas: pyproject.toml says <4,>=3.0, environment.yml says >=2.2"]


def test_make_lab_starts_as_root_without_extra_flags() -> None:
    import os
    import subprocess

    dry = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    [command] = [line for line in dry.splitlines() if "jupyter lab" in line]
    assert ("--allow-root" in command) is (os.geteuid() == 0)
