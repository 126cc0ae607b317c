"""The organisation's concern categories and signposts: packaged defaults, or its own `concerns.yml`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

FILE_NAME = "concerns.yml"

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key
    # A select option's text may be 75 characters at most.
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=75)]


class ConcernsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    categories: list[Category] = Field(min_length=1, max_length=50)
    signposts: list[Key] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _unique_keys(self) -> ConcernsConfig:
        keys = [category.key for category in self.categories]
        if len(keys) != len(set(keys)):
            raise ValueError("each category key may appear only once")
        return self

    def label(self, key: str) -> str:
        for category in self.categories:
            if category.key == key:
                return category.label
        return key  # a category since removed from the file still reads as its key

    def has(self, key: str) -> bool:
        return any(category.key == key for category in self.categories)


DEFAULT = ConcernsConfig(
    categories=[
        Category(key="group-chats", label="Offensive group chats or social media"),
        Category(key="discrimination", label="Discrimination or harassment"),
        Category(key="sexual-misconduct", label="Sexual misconduct or abuse of position"),
        Category(key="corruption", label="Corruption or misuse of systems"),
        Category(key="associations", label="Undeclared associations or business interests"),
        Category(key="bullying", label="Bullying"),
        Category(key="other", label="Something else"),
    ],
    signposts=["psd-confidential-line", "crimestoppers-integrity-line", "iopc-report-line"],
)


class ConcernsConfigError(Exception):
    """The organisation's concerns.yml cannot be used; the message names the file and the problem."""


@lru_cache(maxsize=8)
def load_config(content_dir: Path | None) -> ConcernsConfig:
    if content_dir is None or not (content_dir / FILE_NAME).is_file():
        return DEFAULT
    path = content_dir / FILE_NAME
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return ConcernsConfig.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise ConcernsConfigError(f"{path}: cannot be read as YAML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "-"
        raise ConcernsConfigError(f"{path}: {where}: {first['msg']}") from None
