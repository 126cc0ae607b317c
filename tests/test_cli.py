"""The command line: configuration errors are one plain sentence and exit status 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dilemmas import checks, coverage
from dilemmas.loader import load_content
from tests.support.harness import SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STANDARDS_BOT_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_without_tokens_names_the_bot_token(tmp_path: Path) -> None:
    result = _run(["run"], {}, tmp_path)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"PORT": "eighty"}, "PORT"),
        ({"SLACK_BOT_TOKEN": "not-a-token"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_API_URL": "slack dot com"}, "SLACK_API_URL"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL"),
        ({"STANDARDS_BOT_TIMEZONE": "Europe/Atlantis"}, "STANDARDS_BOT_TIMEZONE"),
        ({"STANDARDS_BOT_ADMINS": "alice,bob"}, "STANDARDS_BOT_ADMINS"),
        ({"STANDARDS_BOT_CASE_CHANNEL": "#cases"}, "STANDARDS_BOT_CASE_CHANNEL"),
        ({"STANDARDS_BOT_ACK_DAYS": "0"}, "STANDARDS_BOT_ACK_DAYS"),
        ({"STANDARDS_BOT_FEEDBACK_MONTHS": "three"}, "STANDARDS_BOT_FEEDBACK_MONTHS"),
        ({"STANDARDS_BOT_SIGNPOSTS": "Line Manager"}, "STANDARDS_BOT_SIGNPOSTS"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, "STANDARDS_BOT_SECRET_KEY"),
    ],
)
def test_a_malformed_or_missing_setting_is_named_with_its_fix(env: dict[str, str], named: str, tmp_path: Path) -> None:
    result = _run(["run"], env, tmp_path)
    assert result.returncode == 2, result.stderr
    line = result.stderr.strip()
    assert line.startswith(f"standards-bot: {named} ")
    assert "Traceback" not in result.stderr
    assert len(line.splitlines()) == 1


def test_the_first_message_after_a_bot_token_names_http_mode_and_socket_mode(tmp_path: Path) -> None:
    result = _run(["run"], {"SLACK_BOT_TOKEN": "xoxb-1"}, tmp_path)
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "HTTP mode" in line
    assert "Socket Mode" in line
    assert "SLACK_APP_TOKEN" in line
    assert len(line.splitlines()) == 1


def test_a_postgres_url_as_platforms_set_it_is_accepted(tmp_path: Path) -> None:
    closed = "postgres://nobody@127.0.0.1:9/none"
    result = _run(["migrate"], {"DATABASE_URL": closed}, tmp_path)
    assert "DATABASE_URL is not valid" not in result.stderr
    assert "cannot reach the database named by DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_secrets_never_appear_in_the_error(tmp_path: Path) -> None:
    result = _run(["run"], {"SLACK_BOT_TOKEN": "xoxp-secret-user-token-123"}, tmp_path)
    assert result.returncode == 2
    assert "xoxp-secret-user-token-123" not in result.stderr + result.stdout


def test_migrate_then_tick_twice_for_the_same_instant(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "SLACK_BOT_TOKEN": "xoxb-1",
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }
    assert _run(["migrate"], env, tmp_path).returncode == 0
    first = _run(["tick", "--at", "2026-11-23T09:00:00Z"], env, tmp_path)
    second = _run(["tick", "--at", "2026-11-23T09:00:00Z"], env, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "ran 1 duties" in first.stdout  # the daily housekeeping, scheduled on the first tick
    assert "ran 0 duties" in second.stdout


def test_tick_refuses_a_database_that_was_never_migrated(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}",
        "SLACK_BOT_TOKEN": "xoxb-1",
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
    }
    result = _run(["tick"], env, tmp_path)
    assert result.returncode == 2
    assert "standards-bot migrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_content_check_passes_on_the_shipped_content(tmp_path: Path) -> None:
    result = _run(["content", "check"], {}, tmp_path)
    assert result.returncode == 0, result.stdout
    assert "52 cards" in result.stdout
    # The bank-wide rules are stated with their measure and limits, whether they pass or not.
    assert "Balance: in each format, the panel's option may be the longest option text in at most a third" in (
        result.stdout
    )
    assert f"Near-duplicates: {checks.MEASURE}; a pair scoring above 0.10 fails." in result.stdout
    assert "each Standard of Professional Behaviour tagged in at least 5 dilemmas and 3 cards" in result.stdout


def test_content_check_names_an_organisations_dilemma_that_repeats_a_shipped_one(tmp_path: Path) -> None:
    content = load_content()
    shipped = next(iter(content.dilemmas.values()))
    bank = tmp_path / "org" / "bank"
    bank.mkdir(parents=True)
    ours = shipped.model_dump(mode="json") | {"id": "our-copy", "title": shipped.title + " again"}
    (bank / "ours.yml").write_text(yaml.safe_dump(ours))
    result = _run(["content", "check"], {"STANDARDS_BOT_CONTENT_DIR": str(tmp_path / "org")}, tmp_path)
    assert result.returncode == 1
    expected = (
        f"{content.dilemma_files[shipped.id]}: {shipped.id}: title, scenario: "
        f"a near-duplicate of our-copy ({bank / 'ours.yml'}): similarity "
    )
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout


def test_content_check_report_writes_its_tables_into_a_file_between_the_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"Before\n{coverage.START}\nold\n{coverage.END}\nAfter\n")
    result = _run(["content", "check", "--report", "--into", str(readme)], {}, tmp_path)
    assert result.stdout == ""  # the problems, if any, and the rules go to stderr
    written = readme.read_text()
    assert "old" not in written
    assert written == f"Before\n{coverage.START}\n{coverage.report(load_content())}{coverage.END}\nAfter\n"


def test_content_check_report_prints_only_markdown_on_stdout(tmp_path: Path) -> None:
    result = _run(["content", "check", "--report"], {}, tmp_path)
    assert result.stdout == coverage.report(load_content())
    assert "Near-duplicates:" in result.stderr


def test_the_readmes_coverage_report_is_up_to_date() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    between = readme.split(coverage.START, 1)[1].split(coverage.END, 1)[0]
    assert between == "\n" + coverage.report(load_content()), (
        "regenerate it: .venv/bin/standards-bot content check --report --into README.md"
    )


def test_content_check_names_file_item_and_field(tmp_path: Path) -> None:
    bank = tmp_path / "org" / "bank"
    bank.mkdir(parents=True)
    (bank / "ours.yml").write_text("id: our-own\ntitle: Ours\nformat: on-the-panel\nscenario: too short\nsurprise: 1\n")
    result = _run(["content", "check"], {"STANDARDS_BOT_CONTENT_DIR": str(tmp_path / "org")}, tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(str(bank / "ours.yml") in line and ": our-own: scenario:" in line for line in lines), lines
    assert any(": our-own: surprise: Extra inputs are not permitted" in line for line in lines), lines


@pytest.mark.parametrize(
    "weak",
    ["short", "a-sixteen-chars!", "correct horse battery staple and then some more words", "ab" * 32, "0f" * 16],
)
@pytest.mark.parametrize("command", ["run", "tick", "clock", "web"])
def test_a_weak_secret_key_is_refused_in_one_sentence_that_says_how_to_make_one(
    weak: str, command: str, tmp_path: Path
) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "STANDARDS_BOT_SECRET_KEY": weak}
    result = _run([command], env, tmp_path)
    assert result.returncode == 2, result.stderr
    line = result.stderr.strip()
    assert "Traceback" not in result.stderr
    assert len(line.splitlines()) == 1
    assert line.startswith("standards-bot: STANDARDS_BOT_SECRET_KEY is not valid (too weak")
    assert "openssl rand -hex 32" in line
    assert weak not in line


def test_a_weak_previous_key_is_accepted_for_reading(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "SLACK_BOT_TOKEN": "xoxb-1",
        "STANDARDS_BOT_SECRET_KEY": SECRET_KEY,
        "STANDARDS_BOT_PREVIOUS_SECRET_KEYS": "an-old-short-passphrase, another",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }
    assert _run(["migrate"], env, tmp_path).returncode == 0
    result = _run(["tick", "--at", "2026-11-23T09:00:00Z"], env, tmp_path)
    assert result.returncode == 0, result.stderr
