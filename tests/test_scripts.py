"""scripts/start and scripts/test: install only when the dependencies changed, then start the right thing.

Each test copies the scripts and the dependency files into a temporary checkout whose .venv holds stand-ins
for python, ruff, mypy and standards-bot that record how they were called, so no real install or server runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORDER = """#!/usr/bin/env bash
echo "$(basename "$0") $*" >> "{log}"
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "clone"
    (root / "scripts").mkdir(parents=True)
    for name in ("start", "test", "_install.sh"):
        shutil.copy2(ROOT / "scripts" / name, root / "scripts" / name)
    for name in ("pyproject.toml", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, root / name)
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("python", "standards-bot", "ruff", "mypy"):
        (bin_dir / tool).write_text(RECORDER.format(log=root / "calls.log"))
        (bin_dir / tool).chmod(0o755)
    return root


def _run(root: Path, script: str, *args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], list[str], float]:
    (root / "calls.log").write_text("")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))}
    started = time.monotonic()
    done = subprocess.run(
        ["bash", f"scripts/{script}", *args], cwd=root, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )
    elapsed = time.monotonic() - started
    return done, (root / "calls.log").read_text().splitlines(), elapsed


def _installs(calls: list[str]) -> list[str]:
    return [call for call in calls if call.startswith("python -m pip install")]


@pytest.mark.serial  # timed: alone, not beside other tests' load
def test_the_first_start_installs_from_the_lock_and_the_second_installs_nothing(checkout: Path) -> None:
    first, calls, _ = _run(checkout, "start")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    assert first.stdout.splitlines()[0].startswith("scripts/start: installing the pinned dependencies")
    [install] = _installs(calls)
    assert "-r .venv/requirements-pinned.txt -e ." in install
    pinned = (checkout / ".venv" / "requirements-pinned.txt").read_text().splitlines()
    assert "." not in pinned
    assert [line for line in pinned if "==" in line] == [
        line for line in (checkout / "requirements.txt").read_text().splitlines() if "==" in line
    ]

    second, calls, elapsed = _run(checkout, "start", PIP_NO_INDEX="1", http_proxy="http://127.0.0.1:9")
    assert second.returncode == 0, second.stderr
    assert _installs(calls) == []
    assert "installing" not in second.stdout
    assert second.stderr == ""
    assert elapsed < 2.0


@pytest.mark.parametrize("changed", ["pyproject.toml", "requirements.txt", "requirements-dev.txt"])
def test_a_change_to_pyproject_or_a_lock_file_installs_again(checkout: Path, changed: str) -> None:
    _run(checkout, "start")
    with (checkout / changed).open("a") as file:
        file.write("# changed\n")
    done, calls, _ = _run(checkout, "start")
    assert done.returncode == 0, done.stderr
    assert len(_installs(calls)) == 1


def test_without_a_bot_token_start_says_this_is_the_sandbox_and_starts_it(checkout: Path) -> None:
    done, calls, _ = _run(checkout, "start")
    sentences = [line for line in done.stdout.splitlines() if "sandbox" in line]
    assert len(sentences) == 1
    sentence = sentences[0]
    assert sentence.startswith("scripts/start: no SLACK_BOT_TOKEN is set, so this is the sandbox")
    assert "to connect a real workspace" in sentence
    assert ".env.example" in sentence
    assert sentence.endswith(".")
    assert ". " not in sentence  # one sentence
    assert calls[-1] == "standards-bot sandbox"


def test_arguments_go_to_the_sandbox(checkout: Path) -> None:
    _, calls, _ = _run(checkout, "start", "--port", "3005")
    assert calls[-1] == "standards-bot sandbox --port 3005"


def test_with_a_bot_token_start_runs_the_real_bot(checkout: Path) -> None:
    done, calls, _ = _run(checkout, "start", SLACK_BOT_TOKEN="xoxb-1")
    assert done.returncode == 0, done.stderr
    assert "sandbox" not in done.stdout
    assert calls[-1] == "standards-bot run"


@pytest.mark.parametrize(
    ("line", "command"),
    [
        ("SLACK_BOT_TOKEN=xoxb-123\n", "run"),
        ("export SLACK_BOT_TOKEN='xoxb-123'\n", "run"),
        ('SLACK_BOT_TOKEN = "xoxb-123"\n', "run"),
        ("SLACK_BOT_TOKEN=\n", "sandbox"),
        ("# SLACK_BOT_TOKEN=xoxb-123\n", "sandbox"),
        ("SLACK_BOT_TOKEN=  # set me\n", "sandbox"),
    ],
)
def test_a_bot_token_in_dot_env_counts_as_set(checkout: Path, line: str, command: str) -> None:
    (checkout / ".env").write_text("PORT=3001\n" + line)
    done, calls, _ = _run(checkout, "start")
    assert done.returncode == 0, done.stderr
    assert calls[-1] == f"standards-bot {command}"


def test_scripts_test_installs_the_dev_lock_once_and_start_then_installs_nothing(checkout: Path) -> None:
    env = {"STANDARDS_BOT_TEST_POSTGRES_URL": "postgresql://postgres@127.0.0.1:9/postgres"}
    first, calls, _ = _run(checkout, "test", **env)
    assert first.returncode == 0, first.stderr
    [install] = _installs(calls)
    assert "-r .venv/requirements-pinned.txt -r requirements-dev.txt -e .[dev]" in install
    assert {"ruff check .", "ruff format --check .", "mypy"} <= {call.strip() for call in calls}
    assert calls[-1].startswith("python -m pytest")
    again, calls, _ = _run(checkout, "test", **env)
    assert _installs(calls) == []
    assert "installing" not in again.stdout
    _, calls, _ = _run(checkout, "start", SLACK_BOT_TOKEN="xoxb-1")
    assert _installs(calls) == []
    assert calls == ["standards-bot run"]


def test_a_run_install_is_not_enough_for_the_tests(checkout: Path) -> None:
    _run(checkout, "start")
    done, calls, _ = _run(checkout, "test", STANDARDS_BOT_TEST_POSTGRES_URL="postgresql://x@127.0.0.1:9/x")
    assert done.returncode == 0, done.stderr
    assert "requirements-dev.txt" in _installs(calls)[0]


def test_a_failed_install_says_where_the_log_is_and_installs_again_next_time(checkout: Path) -> None:
    python = checkout / ".venv" / "bin" / "python"
    python.write_text(RECORDER.format(log=checkout / "calls.log") + 'echo "no network" >&2\nexit 1\n')
    done, _, _ = _run(checkout, "start")
    assert done.returncode != 0
    assert ".venv/install.log" in done.stderr
    python.write_text(RECORDER.format(log=checkout / "calls.log"))
    again, calls, _ = _run(checkout, "start")
    assert again.returncode == 0, again.stderr
    assert len(_installs(calls)) == 1


def test_without_a_python_that_can_make_the_venv_start_says_what_to_install(checkout: Path, tmp_path: Path) -> None:
    shutil.rmtree(checkout / ".venv")
    old_python = tmp_path / "old-python"
    old_python.mkdir()
    (old_python / "python3").write_text("#!/usr/bin/env bash\nexit 1\n")  # as a Python 3.9 answers the version check
    (old_python / "python3").chmod(0o755)
    done, _, _ = _run(checkout, "start", PATH=f"{old_python}{os.pathsep}{os.environ['PATH']}")
    assert done.returncode == 1
    assert "3.11 or newer" in done.stderr
    assert "python3-venv" in done.stderr
    assert not (checkout / ".venv").exists()
