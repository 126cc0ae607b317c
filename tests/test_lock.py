"""The lock files: every dependency pyproject.toml names is pinned at a version it allows, by name only."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RELOCK = "pyproject.toml and the lock disagree: run scripts/lock"


def _pins(name: str) -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            package, version = line.split("==", 1)
            pins[canonicalize_name(package)] = Version(version)
    return pins


def _lock_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lock_script", ROOT / "scripts" / "lock.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("requirement", PROJECT["dependencies"])
def test_every_dependency_is_pinned_in_requirements_txt_at_an_allowed_version(requirement: str) -> None:
    wanted = Requirement(requirement)
    pins = _pins("requirements.txt")
    name = canonicalize_name(wanted.name)
    assert name in pins, f"{wanted.name} is not pinned; {RELOCK}"
    assert wanted.specifier.contains(pins[name], prereleases=True), f"{wanted.name}=={pins[name]}: {RELOCK}"


@pytest.mark.parametrize("requirement", PROJECT["optional-dependencies"]["dev"])
def test_every_dev_tool_is_pinned_at_an_allowed_version(requirement: str) -> None:
    wanted = Requirement(requirement)
    pins = {**_pins("requirements.txt"), **_pins("requirements-dev.txt")}
    name = canonicalize_name(wanted.name)
    assert name in pins, f"{wanted.name} is not pinned; {RELOCK}"
    assert wanted.specifier.contains(pins[name], prereleases=True), f"{wanted.name}=={pins[name]}: {RELOCK}"


def test_requirements_txt_holds_pins_then_the_bot_itself_and_names_no_index() -> None:
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and line[0] != "#"]
    assert lines[-1] == ".", "a platform that installs requirements.txt must get the bot (and its command) too"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.-]*==\S+", line) for line in lines[:-1]), lines
    dev = [line for line in (ROOT / "requirements-dev.txt").read_text().splitlines() if line and line[0] != "#"]
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.-]*==\S+", line) for line in dev), dev
    assert not set(_pins("requirements.txt")) & set(_pins("requirements-dev.txt"))


def test_the_python_version_file_names_a_python_the_project_and_the_lock_are_for() -> None:
    version = (ROOT / ".python-version").read_text().strip()
    assert re.fullmatch(r"3\.\d+", version), version
    assert SpecifierSet(PROJECT["requires-python"]).contains(f"{version}.0")
    for lock in ("requirements.txt", "requirements-dev.txt"):
        assert f"for Python {version}" in (ROOT / lock).read_text(), f"{lock} was written for another Python"


def _requirement(package: str) -> Requirement:
    every = [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["dev"]]
    return next(Requirement(r) for r in every if canonicalize_name(Requirement(r).name) == package)


@pytest.mark.parametrize(
    ("package", "without_the_fix", "with_it"),
    [
        ("gunicorn", "22.0.0", "23.0.0"),  # request smuggling fixed in 23.0.0
        ("cryptography", "44.0.0", "44.0.1"),  # its wheels' OpenSSL updated in 44.0.1
        ("requests", "2.32.3", "2.32.4"),  # .netrc credentials leak fixed in 2.32.4
        ("pydantic-settings", "2.6.1", "2.7.0"),  # NoDecode, which bot/settings.py imports, came in 2.7.0
    ],
)
def test_floors_leave_out_releases_without_the_known_fixes(package: str, without_the_fix: str, with_it: str) -> None:
    requirement = _requirement(package)
    assert not requirement.specifier.contains(without_the_fix)
    assert requirement.specifier.contains(with_it)


def test_time_zone_data_is_a_dependency_for_machines_without_it() -> None:
    assert _requirement("tzdata").specifier.contains("2026.1")


def test_scripts_lock_adds_a_dependency_where_pyproject_toml_lists_them() -> None:
    lock = _lock_module()
    text = (ROOT / "pyproject.toml").read_text()
    added = tomllib.loads(lock.with_requirement(text, "openpyxl>=3.1", dev=False))["project"]
    assert added["dependencies"] == [*PROJECT["dependencies"], "openpyxl>=3.1"]
    added_dev = tomllib.loads(lock.with_requirement(text, "selenium>=4.20", dev=True))["project"]
    assert added_dev["optional-dependencies"]["dev"] == [*PROJECT["optional-dependencies"]["dev"], "selenium>=4.20"]
    assert added_dev["dependencies"] == PROJECT["dependencies"]
