"""What a newcomer reads first: .env.example, the README and the manifest say the same, and say it all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import AliasChoices

from bot.settings import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SETTING_LINE = re.compile(r"^# ([A-Z][A-Z0-9_]+)=(.*)$")
SOCKET_MODE = ("Socket Mode", "no public address needed", "socket_mode_enabled: true", "connections:write")


def _env_names() -> list[str]:
    names = []
    for info in Settings.model_fields.values():
        alias = info.validation_alias
        names.append(str(alias.choices[0]) if isinstance(alias, AliasChoices) else str(alias))
    return names


def _example_lines() -> list[str]:
    return (ROOT / ".env.example").read_text().splitlines()


@pytest.mark.parametrize("name", _env_names())
def test_env_example_lists_every_setting_with_a_comment_above_it(name: str) -> None:
    lines = _example_lines()
    [at] = [i for i, line in enumerate(lines) if (m := SETTING_LINE.match(line)) and m.group(1) == name]
    above = lines[at - 1]
    assert above.startswith("# "), f"{name} has no comment above it"
    assert not SETTING_LINE.match(above), f"{name} has no comment of its own"


@pytest.mark.parametrize("name", _env_names())
def test_the_readme_configuration_table_lists_every_setting(name: str) -> None:
    assert f"| `{name}` |" in (ROOT / "README.md").read_text()


def test_env_example_names_nothing_the_bot_does_not_read() -> None:
    listed = {m.group(1) for line in _example_lines() if (m := SETTING_LINE.match(line))}
    assert listed == set(_env_names())


def test_env_example_copied_to_dot_env_changes_nothing_and_opens_the_sandbox(tmp_path: Path) -> None:
    copied = tmp_path / ".env"
    copied.write_text((ROOT / ".env.example").read_text())
    settings = load_settings(_env_file=str(copied))
    assert settings == load_settings(_env_file=None)
    assert settings.slack_bot_token is None


def test_each_example_value_is_accepted_once_its_line_is_switched_on(tmp_path: Path) -> None:
    values = {m.group(1): m.group(2) for line in _example_lines() if (m := SETTING_LINE.match(line))}
    for name, value in values.items():
        if value and not value.endswith("-"):  # a token's prefix alone is a placeholder, not a value
            (tmp_path / ".env").write_text(f"{name}={value}\n")
            load_settings(_env_file=str(tmp_path / ".env"))


def test_readme_manifest_env_example_and_the_missing_setting_describe_socket_mode_the_same_way() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Connect a real workspace") : readme.index("## Run the tests")]
    manifest_comment = "\n".join(
        line.lstrip("# ") for line in (ROOT / "manifest.yml").read_text().splitlines() if line.startswith("#")
    )
    example = "\n".join(line.lstrip("# ") for line in _example_lines())
    for text in (section, manifest_comment, example):
        flat = re.sub(r"[`*\s]+", " ", text)
        for words in SOCKET_MODE:
            assert words in flat, words
        assert "SLACK_APP_TOKEN" in flat
        assert "HTTP mode" in flat
        assert "SLACK_SIGNING_SECRET" in flat
    with pytest.raises(ConfigError) as missing:
        load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1").require_a_connection()
    for words in ("HTTP mode", "Socket Mode", "no public address needed", "SLACK_APP_TOKEN", "connections:write"):
        assert words in str(missing.value)


def test_the_manifest_still_starts_in_http_mode() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert manifest["settings"]["socket_mode_enabled"] is False


def test_the_licence_is_mit_as_pyproject_toml_says() -> None:
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License")
    assert "Copyright (c) 2026 The Standards Bot authors" in licence
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text()
