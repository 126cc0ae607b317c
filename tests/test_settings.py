"""Settings: a platform's DATABASE_URL is taken as it comes, and the first missing setting says what to do."""

from __future__ import annotations

import pytest

from bot.settings import ConfigError, load_settings, normalise_database_url


@pytest.mark.parametrize(
    "given",
    [
        "postgres://u:p%40ss@db.example.org:5432/standards",
        "postgresql://u:p%40ss@db.example.org:5432/standards",
        "postgresql+psycopg2://u:p%40ss@db.example.org:5432/standards",
        "postgresql+psycopg://u:p%40ss@db.example.org:5432/standards",
    ],
)
def test_every_postgresql_url_is_read_on_the_psycopg_3_driver(given: str) -> None:
    expected = "postgresql+psycopg://u:p%40ss@db.example.org:5432/standards"
    assert normalise_database_url(given) == expected
    assert load_settings(_env_file=None, DATABASE_URL=given).database_url == expected


def test_a_platform_url_keeps_its_query() -> None:
    url = load_settings(_env_file=None, DATABASE_URL="postgres://u@h/db?sslmode=require").database_url
    assert url == "postgresql+psycopg://u@h/db?sslmode=require"


def test_sqlite_urls_are_kept_as_they_are() -> None:
    assert normalise_database_url("sqlite:///standards-bot.db") == "sqlite:///standards-bot.db"
    assert normalise_database_url("sqlite+pysqlite:////tmp/x.db") == "sqlite+pysqlite:////tmp/x.db"


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("mysql://x@y/z", "only sqlite and postgresql are supported"),
        ("postgresql+asyncpg://u@h/db", "asyncpg is not installed"),
        ("not a url", "not a database URL"),
    ],
)
def test_other_urls_are_refused_with_the_reason(given: str, reason: str) -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL") as refused:
        load_settings(_env_file=None, DATABASE_URL=given)
    assert reason in str(refused.value)


def test_without_a_way_to_reach_slack_the_sentence_names_http_and_socket_mode() -> None:
    settings = load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1")
    with pytest.raises(ConfigError) as missing:
        settings.require_a_connection()
    sentence = str(missing.value)
    assert sentence.startswith("SLACK_SIGNING_SECRET is not set")
    for words in ("HTTP mode", "Socket Mode", "SLACK_APP_TOKEN", "connections:write"):
        assert words in sentence


def test_either_the_signing_secret_or_an_app_token_is_enough() -> None:
    load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s").require_a_connection()
    load_settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1").require_a_connection()


def test_the_test_suites_postgresql_url_may_be_written_as_platforms_write_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.databases import POSTGRES_URL_ENV, postgres_admin_url

    monkeypatch.setenv(POSTGRES_URL_ENV, "postgres://postgres@127.0.0.1:55432/postgres")
    assert postgres_admin_url() == "postgresql+psycopg://postgres@127.0.0.1:55432/postgres"
