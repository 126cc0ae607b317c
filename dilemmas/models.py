"""Pydantic models for the card deck and the dilemma bank; unknown fields are errors."""

from __future__ import annotations

import re
from typing import Annotated, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from dilemmas.references import CPD_TOPICS, NDM_STAGES, PRINCIPLES, RANKS, STANDARDS, SUITS, THEMES

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Suit = Literal["hearts", "diamonds", "clubs", "spades"]
Format = Literal["on-the-panel", "what-would-you-do"]
OptionKey = Literal["A", "B", "C", "D"]
OPTION_KEYS: tuple[OptionKey, ...] = get_args(OptionKey)  # in the order options are lettered

K = TypeVar("K")

_ANSWER_WORDS = re.compile(r"\b(the right answer|the correct answer|you should always|you must always)\b", re.I)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(_Strict):
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$", max_length=300)]


class Signpost(_Strict):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    detail: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$", max_length=300)] | None = None
    # A route open only to organisations that subscribe to it: shown only where the organisation lists it.
    opt_in: bool = False


class Tags(_Strict):
    standards: list[int] = Field(min_length=1)
    principles: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    ndm: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)

    @field_validator("standards")
    @classmethod
    def _known_standards(cls, value: list[int]) -> list[int]:
        return _known(value, STANDARDS, "Standard of Professional Behaviour")

    @field_validator("principles")
    @classmethod
    def _known_principles(cls, value: list[str]) -> list[str]:
        return _known(value, PRINCIPLES, "Code of Ethics principle")

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: list[str]) -> list[str]:
        return _known(value, CPD_TOPICS, "CPD topic")

    @field_validator("ndm")
    @classmethod
    def _known_ndm(cls, value: list[str]) -> list[str]:
        return _known(value, NDM_STAGES, "National Decision Model stage")

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, value: list[str]) -> list[str]:
        return _known(value, THEMES, "theme")


def _known(value: list[K], catalogue: dict[K, str], what: str) -> list[K]:
    unknown = [item for item in value if item not in catalogue]
    if unknown:
        raise ValueError(f"unknown {what} {unknown!r}; use one of {list(catalogue)!r}")
    if len(set(value)) != len(value):
        raise ValueError(f"a {what} is listed twice")
    return value


class Card(_Strict):
    rank: Literal["A", "2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K"]
    headline: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=150)]
    prompt: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=200)]
    scenarios: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=600)]] = Field(
        min_length=1, max_length=3
    )
    questions: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=200)]] = Field(
        min_length=2, max_length=4
    )
    why_it_matters: Annotated[str, StringConstraints(strip_whitespace=True, min_length=40, max_length=700)]
    tags: Tags
    signposts: list[Slug] = Field(min_length=1, max_length=4)
    links: list[Link] = Field(default_factory=list, max_length=3)

    @field_validator("headline")
    @classmethod
    def _a_question_to_you(cls, value: str) -> str:
        if not re.search(r"\byou(r|rs|rself)?\b", value, re.I):
            raise ValueError("the headline speaks to the reader: use 'you'")
        return value

    @model_validator(mode="after")
    def _no_model_answer(self) -> Card:
        for text in (self.headline, self.prompt):
            if _ANSWER_WORDS.search(text):
                raise ValueError("the card's face must not give a model answer")
        return self


class SuitFile(_Strict):
    suit: Suit
    cards: list[Card] = Field(min_length=1, max_length=13)


class Option(_Strict):
    key: OptionKey
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)]
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=300)]


class PanelView(_Strict):
    option: OptionKey
    reasoning: Annotated[str, StringConstraints(strip_whitespace=True, min_length=80, max_length=2000)]


class Dilemma(_Strict):
    id: Slug
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=140)]
    format: Format
    scenario: Annotated[str, StringConstraints(strip_whitespace=True, min_length=100, max_length=1499)]
    options: list[Option] = Field(min_length=3, max_length=4)
    prompts: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=300)]] = Field(
        min_length=2, max_length=3
    )
    panel_view: PanelView
    tags: Tags
    signposts: list[Slug] = Field(min_length=1, max_length=4)
    links: list[Link] = Field(default_factory=list, max_length=4)

    @model_validator(mode="after")
    def _options_in_order(self) -> Dilemma:
        keys = [option.key for option in self.options]
        if keys != list(OPTION_KEYS[: len(keys)]):
            raise ValueError(f"options must be lettered A, B, C(, D) in order, not {keys}")
        if self.panel_view.option not in keys:
            raise ValueError(f"the panel's view names option {self.panel_view.option}, which is not offered")
        return self


__all__ = ["RANKS", "SUITS", "Card", "Dilemma", "Link", "Option", "PanelView", "Signpost", "SuitFile", "Tags"]
