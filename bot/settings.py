"""Settings from the environment (or a .env file), exactly as the README's configuration table lists them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.crypto import key_weakness

_SLACK_ID = re.compile(r"^[UWBCGD][A-Z0-9]{2,}$")
_SIGNPOST_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one sentence that names it and the fix."""


_POSTGRES_SCHEMES = {"postgres", "postgresql", "postgresql+psycopg", "postgresql+psycopg2"}


def normalise_database_url(value: str) -> str:
    """A SQLite URL as it is; any PostgreSQL URL (``postgres://`` as platforms set it too) on the psycopg 3 driver."""
    try:
        url = make_url(value.strip())
    except ArgumentError as exc:
        raise ValueError("not a database URL") from exc
    if url.drivername in _POSTGRES_SCHEMES:
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if url.get_backend_name() == "sqlite":
        return value.strip()
    if url.get_backend_name() in {"postgres", "postgresql"}:
        raise ValueError(f"the driver {url.get_driver_name()} is not installed; leave it out, as in postgresql://")
    raise ValueError("only sqlite and postgresql are supported")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", validation_alias="SLACK_API_URL")
    database_url: str = Field(default="sqlite:///standards-bot.db", validation_alias="DATABASE_URL")
    port: int = Field(default=3000, ge=1, le=65535, validation_alias="PORT")
    secret_key: SecretStr | None = Field(default=None, validation_alias="STANDARDS_BOT_SECRET_KEY")
    previous_secret_keys: Annotated[tuple[SecretStr, ...], NoDecode] = Field(
        default=(), validation_alias="STANDARDS_BOT_PREVIOUS_SECRET_KEYS"
    )
    admins: Annotated[frozenset[str], NoDecode] = Field(default=frozenset(), validation_alias="STANDARDS_BOT_ADMINS")
    case_channel: str | None = Field(default=None, validation_alias="STANDARDS_BOT_CASE_CHANNEL")
    ambassadors_channel: str | None = Field(default=None, validation_alias="STANDARDS_BOT_AMBASSADORS_CHANNEL")
    timezone: str = Field(default="Europe/London", validation_alias="STANDARDS_BOT_TIMEZONE")
    content_dir: Path | None = Field(default=None, validation_alias="STANDARDS_BOT_CONTENT_DIR")
    case_retention_days: int = Field(default=365, ge=1, le=3650, validation_alias="STANDARDS_BOT_CASE_RETENTION_DAYS")
    ack_days: int = Field(default=7, ge=1, le=90, validation_alias="STANDARDS_BOT_ACK_DAYS")
    feedback_months: int = Field(default=3, ge=1, le=12, validation_alias="STANDARDS_BOT_FEEDBACK_MONTHS")
    signposts: Annotated[tuple[str, ...] | None, NoDecode] = Field(
        default=None, validation_alias="STANDARDS_BOT_SIGNPOSTS"
    )
    statement_min_words: int = Field(default=400, ge=0, le=600, validation_alias="STANDARDS_BOT_STATEMENT_MIN_WORDS")
    web_concurrency: int = Field(
        default=2, ge=1, le=64, validation_alias=AliasChoices("WEB_CONCURRENCY", "STANDARDS_BOT_WEB_WORKERS")
    )

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("a bot token starts with xoxb-")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            return None
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("an app-level token starts with xapp-")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
            raise ValueError("not an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("secret_key")
    @classmethod
    def _strong_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and (weakness := key_weakness(value.get_secret_value())):
            raise ValueError(f"too weak: {weakness}")
        return value

    @field_validator("previous_secret_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: Any) -> tuple[str, ...]:
        # Previous keys are only read with, and may be weak: moving off a weak key is what rotation is for.
        if isinstance(value, str):
            value = value.split(",")
        return tuple(str(part).strip() for part in value or () if str(part).strip())

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value: Any) -> frozenset[str]:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        ids = frozenset(value or ())
        bad = sorted(user for user in ids if not _SLACK_ID.match(user))
        if bad:
            raise ValueError(f"{bad[0]!r} is not a Slack user ID")
        return ids

    @field_validator("case_channel", "ambassadors_channel", mode="before")
    @classmethod
    def _channel_id(cls, value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str) or not re.match(r"^[CG][A-Z0-9]{2,}$", value.strip()):
            raise ValueError("not a Slack channel ID")
        return value.strip()

    @field_validator("signposts", mode="before")
    @classmethod
    def _split_signposts(cls, value: Any) -> tuple[str, ...] | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        keys = tuple(dict.fromkeys(value))
        bad = [key for key in keys if not _SIGNPOST_KEY.match(key)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a signpost key")
        return keys or None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("not a known time zone") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def is_admin(self, user_id: str) -> bool:
        return user_id in self.admins

    def require_a_connection(self) -> None:
        """For `run`: Socket Mode needs SLACK_APP_TOKEN, HTTP mode the signing secret; name both when neither is set."""
        if self.slack_app_token is None and self.slack_signing_secret is None:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is not set: for HTTP mode set it to the signing secret from your Slack app's"
                " Basic Information page, or for Socket Mode (no public address needed) set SLACK_APP_TOKEN instead,"
                " to an app-level token (xapp-) with the connections:write scope."
            )

    def require(self, *names: str) -> None:
        """Raise ConfigError naming the first of `names` (field names) that is not set."""
        for name in names:
            if getattr(self, name) is None:
                raise ConfigError(_missing_sentence(name))


_FIXES: dict[str, str] = {
    "SLACK_BOT_TOKEN": "set it to the xoxb- token from your Slack app's OAuth & Permissions page",
    "SLACK_SIGNING_SECRET": "set it to the signing secret from your Slack app's Basic Information page",
    "SLACK_APP_TOKEN": "set it to an xapp- app-level token with connections:write, or leave it unset for HTTP mode",
    "SLACK_API_URL": "set it to the Web API base URL, such as https://slack.com/api/",
    "DATABASE_URL": "set it to a SQLAlchemy URL such as sqlite:///standards-bot.db or postgresql://user@host/db",
    "PORT": "set it to a port number between 1 and 65535",
    "STANDARDS_BOT_SECRET_KEY": "set it to 32 random bytes written as hex, such as the output of"
    " `openssl rand -hex 32`, and keep it safe, because encrypted data cannot be read without it",
    "STANDARDS_BOT_PREVIOUS_SECRET_KEYS": "set it to the earlier secret keys, comma-separated, or leave it unset",
    "STANDARDS_BOT_ADMINS": "set it to comma-separated Slack user IDs such as U012ABCDEF,U034GHIJKL",
    "STANDARDS_BOT_CASE_CHANNEL": "set it to the ID of a private channel (it starts with C or G)",
    "STANDARDS_BOT_AMBASSADORS_CHANNEL": "set it to the ID of a channel (it starts with C or G)",
    "STANDARDS_BOT_TIMEZONE": "set it to a time zone name such as Europe/London",
    "STANDARDS_BOT_CONTENT_DIR": "set it to a directory that holds your own bank/ of dilemmas",
    "STANDARDS_BOT_CASE_RETENTION_DAYS": "set it to a number of days between 1 and 3650",
    "STANDARDS_BOT_ACK_DAYS": "set it to the days within which the case team aims to acknowledge a concern, 1 to 90",
    "STANDARDS_BOT_FEEDBACK_MONTHS": "set it to the months within which the case team aims to give feedback, 1 to 12",
    "STANDARDS_BOT_SIGNPOSTS": "set it to comma-separated signpost keys such as line-manager,psd-confidential-line,"
    "crimestoppers-integrity-line, or leave it unset for every route open to all",
    "STANDARDS_BOT_STATEMENT_MIN_WORDS": "set it to the fewest words an ambassador's statement needs, 0 to 600"
    " (the statement holds at most 3,000 characters)",
    "WEB_CONCURRENCY": "set it to a number of web worker processes between 1 and 64",
}


def _env_name(field_name: str) -> str:
    alias = Settings.model_fields[field_name].validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return str(alias)


def _missing_sentence(field_name: str) -> str:
    env = _env_name(field_name)
    return f"{env} is not set: {_FIXES.get(env, 'set it')}."


def load_settings(**overrides: Any) -> Settings:
    """Read the settings; raise ConfigError with one sentence on the first malformed value."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        env = str(error["loc"][0]) if error["loc"] else "a setting"
        for name, info in Settings.model_fields.items():
            if env in (name, info.validation_alias):
                env = _env_name(name)
        reason = error["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{env} is not valid ({reason}): {_FIXES.get(env, 'correct it')}.") from None
