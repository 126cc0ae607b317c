"""What the forms for writing content in Slack (a dilemma, a card) share: reading the submitted values, the
fields every content item has (tags, signposts, links) both ways, the model's problems put by their fields, and
each published version parsed once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

FormValues = Mapping[str, str | list[str] | None]
Choice = Literal["draft", "publish", "retire"]
LIST_FIELDS = ("standards", "principles", "topics", "ndm", "themes", "signposts")
_NAMED_TAGS = ("principles", "topics", "ndm", "themes")
Item = TypeVar("Item", bound=BaseModel)


def parsed_once(cache: dict[int, Item], model: type[Item], version_id: int, body: dict[str, Any]) -> Item:
    """A version's item as the model reads it, from `cache` (the process's own): versions never change."""
    found = cache.get(version_id)
    if found is None:
        found = cache[version_id] = model.model_validate(body)
    return found


def text(values: FormValues, name: str) -> str:
    value = values.get(name)
    return value.strip() if isinstance(value, str) else ""


def chosen(values: FormValues, name: str) -> list[str]:
    value = values.get(name)
    return [item for item in value if item] if isinstance(value, list) else []


def lines(words: str) -> list[str]:
    return [line.strip() for line in words.splitlines() if line.strip()]


def shared_from_form(values: FormValues) -> dict[str, Any]:
    """Tags, signposts and links as the YAML holds them; a link is a line "title | url"."""
    links = []
    for line in lines(text(values, "links")):
        title, _, url = line.rpartition("|")
        links.append({"title": title.strip() or url.strip(), "url": url.strip()})
    return {
        "tags": {
            "standards": [int(n) for n in chosen(values, "standards") if n.isdigit()],
            **{name: chosen(values, name) for name in _NAMED_TAGS},
        },
        "signposts": chosen(values, "signposts"),
        "links": links,
    }


def shared_to_form(body: Mapping[str, Any]) -> dict[str, str | list[str]]:
    """The inverse of shared_from_form, as the form shows it."""
    tags = body.get("tags", {})
    values: dict[str, str | list[str]] = {
        "signposts": list(body.get("signposts", [])),
        "links": "\n".join(f"{link['title']} | {link['url']}" for link in body.get("links", [])),
        "standards": [str(n) for n in tags.get("standards", [])],
    }
    for name in _NAMED_TAGS:
        values[name] = list(tags.get(name, []))
    return values


def problems_by_field(exc: ValidationError, field_of: Callable[[Sequence[int | str]], str]) -> dict[str, str]:
    """The model's problems, the first of each beside its field."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        errors.setdefault(field_of(error["loc"]), error["msg"].removeprefix("Value error, "))
    return errors
