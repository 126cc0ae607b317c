"""Pin every dependency that pyproject.toml names, and theirs, into the two lock files.

requirements.txt holds the bot's own dependencies and ends with "." so that installing it installs the bot too
(this is the file a Procfile platform's Python build installs); requirements-dev.txt holds what the tests and
linters add. Versions come from pip's own resolver (a dry run), for the Python running this script, which should
be the one .python-version names. Pins already in the lock files are kept when pyproject.toml still allows them;
--upgrade resolves everything afresh to the newest versions allowed. Run it through scripts/lock.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
RUNTIME_LOCK = ROOT / "requirements.txt"
DEV_LOCK = ROOT / "requirements-dev.txt"
PYTHON_VERSION = ROOT / ".python-version"
PROJECT = "standards-bot"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")

RUNTIME_HEADER = """\
# Standards Bot's dependencies, pinned, then the bot itself ("." below): what a Procfile platform installs,
# and what scripts/start installs (with the bot in editable mode). Written by scripts/lock from pyproject.toml
# for Python {python}; do not edit by hand: change pyproject.toml and run scripts/lock.
"""
DEV_HEADER = """\
# The test and lint tools' dependencies, pinned, on top of requirements.txt: what scripts/test and CI install.
# Written by scripts/lock from pyproject.toml's "dev" extra for Python {python}; do not edit by hand.
"""


class ResolutionFailed(Exception):
    pass


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(*paths: Path) -> dict[str, str]:
    """name -> version of every `name==version` line in the given lock files."""
    pins: dict[str, str] = {}
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            match = _PIN.match(line.split("#", 1)[0].strip())
            if match:
                pins[canonical(match.group(1))] = match.group(2)
    return pins


def resolve(target: str, constraints: dict[str, str]) -> dict[str, str]:
    """What pip would install for `target` (such as "." or ".[dev]") on this Python, as name -> version."""
    with tempfile.TemporaryDirectory() as tmp:
        report, constraint_file = Path(tmp) / "report.json", Path(tmp) / "constraints.txt"
        constraint_file.write_text("".join(f"{name}=={version}\n" for name, version in sorted(constraints.items())))
        command = [
            sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
            "--disable-pip-version-check", "--report", str(report), "-c", str(constraint_file), target,
        ]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603 - our own pip
        if done.returncode != 0:
            raise ResolutionFailed(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "pip failed")
        installs = json.loads(report.read_text())["install"]
    return {
        canonical(item["metadata"]["name"]): item["metadata"]["version"]
        for item in installs
        if canonical(item["metadata"]["name"]) != PROJECT
    }


def resolve_both(previous: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    runtime = resolve(".", previous)
    everything = resolve(".[dev]", {**previous, **runtime})
    dev = {name: version for name, version in everything.items() if name not in runtime}
    return runtime, dev


def write_locks(runtime: dict[str, str], dev: dict[str, str]) -> None:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    pins = "".join(f"{name}=={version}\n" for name, version in sorted(runtime.items()))
    RUNTIME_LOCK.write_text(RUNTIME_HEADER.format(python=python) + pins + ".\n")
    dev_pins = "".join(f"{name}=={version}\n" for name, version in sorted(dev.items()))
    DEV_LOCK.write_text(DEV_HEADER.format(python=python) + dev_pins)


def with_requirement(pyproject: str, requirement: str, *, dev: bool) -> str:
    """pyproject.toml's text with a requirement such as "openpyxl>=3.1" added to its dependencies (or dev extra)."""
    opening = re.compile(r"^dev = \[$" if dev else r"^dependencies = \[$", re.MULTILINE)
    start = opening.search(pyproject)
    if start is None:
        raise SystemExit(f"scripts/lock: cannot find the {'dev extra' if dev else 'dependencies'} in pyproject.toml.")
    end = pyproject.index("\n]", start.end())
    return f'{pyproject[:end]}\n    "{requirement}",{pyproject[end:]}'


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/lock", description=__doc__.splitlines()[0])
    parser.add_argument("--upgrade", action="store_true", help="resolve everything afresh to the newest versions")
    parser.add_argument("--add", action="append", default=[], metavar="REQUIREMENT",
                        help='add a dependency to pyproject.toml first, such as --add "openpyxl>=3.1"')  # fmt: skip
    parser.add_argument("--dev", action="store_true", help="with --add: add it to the dev extra instead")
    args = parser.parse_args()

    wanted = PYTHON_VERSION.read_text().strip() if PYTHON_VERSION.exists() else ""
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    if wanted and not (running == wanted or running.startswith(wanted + ".")):
        print(f"scripts/lock: note: this is Python {running}, but .python-version names {wanted}.", file=sys.stderr)
    for requirement in args.add:
        PYPROJECT.write_text(with_requirement(PYPROJECT.read_text(), requirement, dev=args.dev))
        print(f"scripts/lock: added {requirement} to pyproject.toml.")

    previous = {} if args.upgrade else read_pins(RUNTIME_LOCK, DEV_LOCK)
    try:
        runtime, dev = resolve_both(previous)
    except ResolutionFailed as exc:
        if not previous:
            print(f"scripts/lock: pip could not resolve pyproject.toml's dependencies: {exc}", file=sys.stderr)
            return 1
        print("scripts/lock: the current pins no longer fit pyproject.toml; resolving afresh.", file=sys.stderr)
        try:
            runtime, dev = resolve_both({})
        except ResolutionFailed as again:
            print(f"scripts/lock: pip could not resolve pyproject.toml's dependencies: {again}", file=sys.stderr)
            return 1
    old = read_pins(RUNTIME_LOCK, DEV_LOCK)
    write_locks(runtime, dev)
    new = {**runtime, **dev}
    changed = sorted(name for name in new.keys() | old.keys() if new.get(name) != old.get(name))
    for name in changed:
        print(f"  {name}: {old.get(name, '-')} -> {new.get(name, '-')}")
    print(f"scripts/lock: {len(runtime)} pins in requirements.txt, {len(dev)} in requirements-dev.txt"
          f" ({len(changed)} changed).")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
