"""What a person can touch in Block Kit, and the shapes Slack reports for each touch (actions and state values)."""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SINGLE_OPTION = {"static_select", "external_select", "radio_buttons", "overflow"}
MULTI_OPTION = {"multi_static_select", "multi_external_select", "checkboxes"}
ENTITY_KEYS = {
    "users_select": "selected_user",
    "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation",
    "multi_conversations_select": "selected_conversations",
    "channels_select": "selected_channel",
    "multi_channels_select": "selected_channels",
}
TEXT_VALUE = {"plain_text_input", "email_text_input", "url_text_input", "number_input"}
PICKER_KEYS = {"datepicker": "selected_date", "timepicker": "selected_time", "datetimepicker": "selected_date_time"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Element:
    block_id: str
    element: dict[str, Any]
    in_input: bool

    @property
    def type(self) -> str:
        return str(self.element.get("type"))

    @property
    def action_id(self) -> str:
        return str(self.element.get("action_id") or "")

    @property
    def text(self) -> str | None:
        text = self.element.get("text")
        return text.get("text") if isinstance(text, dict) else None

    def describe(self) -> str:
        shown = f"{self.type} action_id={self.action_id!r} block_id={self.block_id!r}"
        if self.text is not None:
            shown += f" text={self.text!r}"
        if self.element.get("value") is not None:
            shown += f" value={self.element['value']!r}"
        return shown

    def options(self) -> list[dict[str, Any]]:
        found = list(self.element.get("options") or [])
        for group in self.element.get("option_groups") or []:
            found.extend(group.get("options") or [])
        return found


def elements_of(blocks: list[dict[str, Any]] | None) -> list[Element]:
    """Interactive elements in the blocks, in order; a block without block_id gets the position Slack would."""
    found: list[Element] = []
    for index, block in enumerate(blocks or []):
        block_id = str(block.get("block_id") or f"block-{index}")
        if block.get("type") == "section" and isinstance(block.get("accessory"), dict):
            if block["accessory"].get("type") != "image":
                found.append(Element(block_id, block["accessory"], False))
        elif block.get("type") == "actions":
            found.extend(Element(block_id, e, False) for e in block.get("elements") or [])
        elif block.get("type") == "input" and isinstance(block.get("element"), dict):
            found.append(Element(block_id, block["element"], True))
    return found


def find_element(
    blocks: list[dict[str, Any]] | None,
    *,
    action_id: str | None,
    text: str | None,
    value: str | None,
    block_id: str | None = None,
) -> Element:
    """The element picked by action_id, visible text or value (within block_id if given); fails listing what
    there is."""
    candidates = [e for e in elements_of(blocks) if not e.in_input and block_id in (None, e.block_id)]
    matches = [
        e
        for e in candidates
        if (action_id is None or e.action_id == action_id)
        and (text is None or e.text == text)
        and (value is None or e.element.get("value") == value or any(o.get("value") == value for o in e.options()))
    ]
    if action_id is None and text is None and value is None:
        matches = []
    if len(matches) != 1:
        wanted = {k: v for k, v in (("action_id", action_id), ("text", text), ("value", value)) if v is not None}
        listing = "\n  ".join(e.describe() for e in candidates) or "(none)"
        problem = "no element" if not matches else f"{len(matches)} elements"
        raise AssertionError(f"{problem} matching {wanted}; the blocks offer:\n  {listing}")
    return matches[0]


def pick_option(element: Element, wanted: Any) -> dict[str, Any]:
    """One of the element's own options, matched by value or by visible text."""
    for option in element.options():
        label = option.get("text", {}).get("text") if isinstance(option.get("text"), dict) else None
        if wanted in (option.get("value"), label):
            return copy.deepcopy(option)
    offered = [(o.get("value"), (o.get("text") or {}).get("text")) for o in element.options()]
    raise AssertionError(f"{element.action_id!r} has no option {wanted!r}; it offers {offered}")


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple | set) else [value]


def selection(element: Element, chosen: Any, known_entity: Callable[[str], bool]) -> dict[str, Any]:
    """The keys Slack adds for a chosen value, e.g. ``{"selected_option": {...}}``; None means nothing chosen."""
    kind = element.type
    if kind in SINGLE_OPTION:
        return {"selected_option": None if chosen is None else pick_option(element, chosen)}
    if kind in MULTI_OPTION:
        return {"selected_options": [] if chosen is None else [pick_option(element, c) for c in _as_list(chosen)]}
    if kind in ENTITY_KEYS:
        key = ENTITY_KEYS[kind]
        if chosen is None:
            return {key: [] if kind.startswith("multi_") else None}
        ids = [str(c) for c in _as_list(chosen)]
        unknown = [i for i in ids if not known_entity(i)]
        if unknown:
            raise AssertionError(f"{element.action_id!r}: {unknown} are not in the simulated workspace")
        return {key: ids if kind.startswith("multi_") else ids[0]}
    if kind in PICKER_KEYS:
        return {PICKER_KEYS[kind]: _picked(element, chosen)}
    if kind in TEXT_VALUE or kind == "rich_text_input":
        return {"value": _typed(element, chosen)}
    if kind == "file_input":
        return {"files": [] if chosen is None else _as_list(chosen)}
    return {"value": chosen}


def _picked(element: Element, chosen: Any) -> Any:
    if chosen is None:
        return None
    if element.type == "datepicker" and not DATE.match(str(chosen)):
        raise AssertionError(f"{element.action_id!r}: a datepicker gives YYYY-MM-DD, not {chosen!r}")
    if element.type == "timepicker" and not TIME.match(str(chosen)):
        raise AssertionError(f"{element.action_id!r}: a timepicker gives HH:mm, not {chosen!r}")
    if element.type == "datetimepicker":
        return int(chosen)
    return str(chosen)


def _typed(element: Element, chosen: Any) -> str | None:
    if chosen is None or chosen == "":
        return None
    text = str(chosen)
    limit = element.element.get("max_length")
    if isinstance(limit, int) and len(text) > limit:
        raise AssertionError(f"{element.action_id!r}: Slack would not let a person type more than {limit} characters")
    decimal_allowed = bool(element.element.get("is_decimal_allowed"))
    if element.type == "number_input" and (not NUMBER.match(text) or ("." in text and not decimal_allowed)):
        raise AssertionError(f"{element.action_id!r}: {text!r} is not a number this input accepts")
    return text


def initial_choice(element: Element) -> Any:
    """What an untouched element submits: its initial value, if it has one."""
    e = element.element
    for key in ("initial_value", "initial_date", "initial_time", "initial_date_time"):
        if e.get(key) is not None:
            return e[key]
    if e.get("initial_option") is not None:
        return e["initial_option"].get("value")
    if e.get("initial_options"):
        return [o.get("value") for o in e["initial_options"]]
    for key in ("initial_user", "initial_conversation", "initial_channel"):
        if e.get(key):
            return e[key]
    for key in ("initial_users", "initial_conversations", "initial_channels"):
        if e.get(key):
            return list(e[key])
    return None


def action_for(element: Element, chosen: Any, known_entity: Callable[[str], bool]) -> dict[str, Any]:
    """One entry of a block_actions payload's ``actions``."""
    action: dict[str, Any] = {
        "action_id": element.action_id,
        "block_id": element.block_id,
        "type": element.type,
        "action_ts": f"{time.time():.6f}",
    }
    if element.type == "button":
        action["text"] = copy.deepcopy(element.element.get("text"))
        if element.element.get("value") is not None:
            action["value"] = element.element["value"]
        if element.element.get("style"):
            action["style"] = element.element["style"]
        return action
    if chosen is None:
        raise AssertionError(f"{element.action_id!r} is a {element.type}: say what is chosen with selected=")
    action.update(selection(element, chosen, known_entity))
    if element.type in SINGLE_OPTION | MULTI_OPTION and element.element.get("placeholder"):
        action["placeholder"] = copy.deepcopy(element.element["placeholder"])
    return action


def state_entry(element: Element, chosen: Any, known_entity: Callable[[str], bool]) -> dict[str, Any]:
    """``view.state.values[block_id][action_id]`` for this element."""
    return {"type": element.type, **selection(element, chosen, known_entity)}
