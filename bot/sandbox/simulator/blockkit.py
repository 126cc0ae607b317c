"""Block Kit validation with Slack's published limits; each problem names its place as a JSON pointer."""

from __future__ import annotations

import re
from typing import Any

MESSAGE_MAX_BLOCKS = 50
VIEW_MAX_BLOCKS = 100

BLOCK_TYPES = {
    "actions", "context", "divider", "file", "header", "image", "input", "markdown", "rich_text", "section", "video",
}  # fmt: skip
SELECTS = {"static_select", "external_select", "users_select", "conversations_select", "channels_select"}
MULTI_SELECTS = {"multi_" + s for s in ("static_select", "external_select", "users_select", "conversations_select")}
MULTI_SELECTS.add("multi_channels_select")
TEXT_INPUTS = {"plain_text_input", "email_text_input", "url_text_input", "number_input", "rich_text_input"}
PICKERS = {"datepicker", "timepicker", "datetimepicker"}
CHOICES = {"checkboxes", "radio_buttons"}
ACTIONS_ELEMENTS = {"button", "overflow", "workflow_button"} | SELECTS | MULTI_SELECTS | PICKERS | CHOICES
ACCESSORY_ELEMENTS = {"button", "overflow", "image"} | SELECTS | MULTI_SELECTS | PICKERS | CHOICES
INPUT_ELEMENTS = SELECTS | MULTI_SELECTS | TEXT_INPUTS | PICKERS | CHOICES | {"file_input"}
STATIC_OPTION_LIMITS = {"static_select": 100, "multi_static_select": 100, "radio_buttons": 10, "checkboxes": 10}
PLAIN_OPTION_ELEMENTS = {"static_select", "multi_static_select", "overflow"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.action_ids: set[str] = set()
        self.block_ids: set[str] = set()

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{message} [json-pointer:{path}]")

    # text ------------------------------------------------------------------------------------------------------
    def text(self, obj: Any, path: str, limit: int, *, plain: bool = False, required: bool = True) -> None:
        if obj is None:
            if required:
                self.fail(path, "must provide an object")
            return
        if not isinstance(obj, dict):
            self.fail(path, "must be a text object")
            return
        kind = obj.get("type")
        if kind not in ("plain_text", "mrkdwn"):
            self.fail(f"{path}/type", "must be plain_text or mrkdwn")
        elif plain and kind != "plain_text":
            self.fail(f"{path}/type", "must be plain_text")
        value = obj.get("text")
        if not isinstance(value, str) or not value:
            self.fail(f"{path}/text", "must be a non-empty string")
        elif len(value) > limit:
            self.fail(f"{path}/text", f"must be less than {limit + 1} characters")

    def string(self, value: Any, path: str, limit: int, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.fail(path, "must provide a string")
            return
        if not isinstance(value, str) or (required and not value):
            self.fail(path, "must be a non-empty string")
        elif len(value) > limit:
            self.fail(path, f"must be less than {limit + 1} characters")

    def identifier(self, value: Any, path: str, seen: set[str], what: str) -> None:
        if value is None:
            return
        self.string(value, path, 255, required=True)
        if isinstance(value, str):
            if value in seen:
                self.fail(path, f"{what} {value!r} already exists")
            seen.add(value)

    # options ---------------------------------------------------------------------------------------------------
    def option(self, option: Any, path: str, *, plain: bool) -> None:
        if not isinstance(option, dict):
            self.fail(path, "must be an option object")
            return
        self.text(option.get("text"), f"{path}/text", 75, plain=plain)
        self.string(option.get("value"), f"{path}/value", 150, required=True)
        if option.get("description") is not None:
            self.text(option.get("description"), f"{path}/description", 75, plain=plain)

    def options(self, element: dict[str, Any], path: str, kind: str) -> None:
        plain = kind in PLAIN_OPTION_ELEMENTS
        options = element.get("options")
        groups = element.get("option_groups")
        if kind == "overflow":
            if not isinstance(options, list) or not 2 <= len(options) <= 5:
                self.fail(f"{path}/options", "must have between 2 and 5 items")
                return
        elif kind in STATIC_OPTION_LIMITS:
            limit = STATIC_OPTION_LIMITS[kind]
            if options is None and groups is not None and kind in PLAIN_OPTION_ELEMENTS:
                if not isinstance(groups, list) or not 1 <= len(groups) <= 100:
                    self.fail(f"{path}/option_groups", "must have between 1 and 100 items")
                    return
                options = [o for g in groups if isinstance(g, dict) for o in g.get("options") or []]
                if len(options) > 100:
                    self.fail(f"{path}/option_groups", "must have no more than 100 options in all")
            elif not isinstance(options, list) or not 1 <= len(options) <= limit:
                self.fail(f"{path}/options", f"must have between 1 and {limit} items")
                return
        else:
            return
        values: list[Any] = []
        for i, option in enumerate(options):
            self.option(option, f"{path}/options/{i}", plain=plain)
            if isinstance(option, dict):
                values.append(option.get("value"))
        initial = element.get("initial_option")
        initials = [initial] if initial is not None else list(element.get("initial_options") or [])
        for i, chosen in enumerate(initials):
            if not isinstance(chosen, dict) or chosen.get("value") not in values:
                self.fail(f"{path}/initial_option{'s/' + str(i) if initial is None else ''}", "must match an option")

    # elements --------------------------------------------------------------------------------------------------
    def element(self, element: Any, path: str, allowed: set[str]) -> None:
        if not isinstance(element, dict):
            self.fail(path, "must be an element object")
            return
        kind = element.get("type")
        if kind not in allowed:
            self.fail(f"{path}/type", f"{kind!r} is not a valid element type here")
            return
        self.identifier(element.get("action_id"), f"{path}/action_id", self.action_ids, "action_id")
        if element.get("placeholder") is not None:
            self.text(element["placeholder"], f"{path}/placeholder", 150, plain=True)
        if kind == "button":
            self.text(element.get("text"), f"{path}/text", 75, plain=True)
            self.string(element.get("value"), f"{path}/value", 2000)
            self.string(element.get("url"), f"{path}/url", 3000)
            self.string(element.get("accessibility_label"), f"{path}/accessibility_label", 75)
            if element.get("style") not in (None, "primary", "danger"):
                self.fail(f"{path}/style", "must be primary or danger")
        elif kind == "image":
            self.image(element, path)
        elif kind == "plain_text_input":
            self.text_input(element, path)
        elif kind == "datepicker" and element.get("initial_date") is not None:
            if not DATE.match(str(element["initial_date"])):
                self.fail(f"{path}/initial_date", "must be YYYY-MM-DD")
        elif kind == "timepicker" and element.get("initial_time") is not None:
            if not TIME.match(str(element["initial_time"])):
                self.fail(f"{path}/initial_time", "must be HH:mm")
        elif kind == "number_input" and not isinstance(element.get("is_decimal_allowed"), bool):
            self.fail(f"{path}/is_decimal_allowed", "must provide a boolean")
        self.options(element, path, str(kind))

    def text_input(self, element: dict[str, Any], path: str) -> None:
        low, high = element.get("min_length"), element.get("max_length")
        for name, value in (("min_length", low), ("max_length", high)):
            if value is not None and (not isinstance(value, int) or not 0 <= value <= 3000):
                self.fail(f"{path}/{name}", "must be an integer between 0 and 3000")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            self.fail(f"{path}/min_length", "must not exceed max_length")
        initial = element.get("initial_value")
        if isinstance(initial, str) and isinstance(high, int) and len(initial) > high:
            self.fail(f"{path}/initial_value", "must not be longer than max_length")

    def image(self, obj: dict[str, Any], path: str) -> None:
        if obj.get("slack_file") is None:
            self.string(obj.get("image_url"), f"{path}/image_url", 3000, required=True)
        self.string(obj.get("alt_text"), f"{path}/alt_text", 2000, required=True)

    # blocks ----------------------------------------------------------------------------------------------------
    def block(self, block: Any, path: str, *, surface: str) -> None:
        if not isinstance(block, dict):
            self.fail(path, "must be a block object")
            return
        kind = block.get("type")
        if kind not in BLOCK_TYPES:
            self.fail(f"{path}/type", f"unknown block type {kind!r}")
            return
        self.identifier(block.get("block_id"), f"{path}/block_id", self.block_ids, "block_id")
        getattr(self, f"block_{kind}", lambda b, p, s: None)(block, path, surface)

    def block_section(self, block: dict[str, Any], path: str, surface: str) -> None:
        text, fields = block.get("text"), block.get("fields")
        if text is None and fields is None:
            self.fail(path, "must provide text or fields")
        if text is not None:
            self.text(text, f"{path}/text", 3000)
        if fields is not None:
            if not isinstance(fields, list) or not 1 <= len(fields) <= 10:
                self.fail(f"{path}/fields", "must have between 1 and 10 items")
            else:
                for i, item in enumerate(fields):
                    self.text(item, f"{path}/fields/{i}", 2000)
        if block.get("accessory") is not None:
            self.element(block["accessory"], f"{path}/accessory", ACCESSORY_ELEMENTS)

    def block_header(self, block: dict[str, Any], path: str, surface: str) -> None:
        self.text(block.get("text"), f"{path}/text", 150, plain=True)

    def block_image(self, block: dict[str, Any], path: str, surface: str) -> None:
        self.image(block, path)
        if block.get("title") is not None:
            self.text(block["title"], f"{path}/title", 2000, plain=True)

    def block_actions(self, block: dict[str, Any], path: str, surface: str) -> None:
        elements = block.get("elements")
        if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
            self.fail(f"{path}/elements", "must have between 1 and 25 items")
            return
        for i, element in enumerate(elements):
            self.element(element, f"{path}/elements/{i}", ACTIONS_ELEMENTS)

    def block_context(self, block: dict[str, Any], path: str, surface: str) -> None:
        elements = block.get("elements")
        if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
            self.fail(f"{path}/elements", "must have between 1 and 10 items")
            return
        for i, element in enumerate(elements):
            if isinstance(element, dict) and element.get("type") == "image":
                self.image(element, f"{path}/elements/{i}")
            else:
                self.text(element, f"{path}/elements/{i}", 3000)

    def block_input(self, block: dict[str, Any], path: str, surface: str) -> None:
        if surface == "message":
            self.fail(f"{path}/type", "input blocks are not allowed in messages")
        self.text(block.get("label"), f"{path}/label", 2000, plain=True)
        if block.get("hint") is not None:
            self.text(block["hint"], f"{path}/hint", 2000, plain=True)
        if block.get("element") is None:
            self.fail(f"{path}/element", "must provide an element")
        else:
            self.element(block["element"], f"{path}/element", INPUT_ELEMENTS)

    def block_rich_text(self, block: dict[str, Any], path: str, surface: str) -> None:
        if not isinstance(block.get("elements"), list) or not block["elements"]:
            self.fail(f"{path}/elements", "must have at least 1 item")

    def block_markdown(self, block: dict[str, Any], path: str, surface: str) -> None:
        if surface != "message":
            self.fail(f"{path}/type", "markdown blocks are only allowed in messages")
        self.string(block.get("text"), f"{path}/text", 12000, required=True)

    def blocks(self, blocks: Any, path: str, *, surface: str, limit: int) -> None:
        if not isinstance(blocks, list):
            self.fail(path, "must be an array of blocks")
            return
        if len(blocks) > limit:
            self.fail(path, f"must have no more than {limit} items")
        for i, block in enumerate(blocks):
            self.block(block, f"{path}/{i}", surface=surface)


def validate_message_blocks(blocks: Any) -> list[str]:
    """Problems Slack would report (``invalid_blocks``) for these message blocks; empty when they are fine."""
    checker = _Checker()
    checker.blocks(blocks, "/blocks", surface="message", limit=MESSAGE_MAX_BLOCKS)
    return checker.problems


def validate_view(view: Any) -> list[str]:
    """Problems Slack would report (``invalid_arguments``) for a modal or Home tab view; empty when it is fine."""
    checker = _Checker()
    if not isinstance(view, dict):
        return ["must provide a view object [json-pointer:/view]"]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        checker.fail("/view/type", "must be modal or home")
        return checker.problems
    checker.blocks(view.get("blocks"), "/view/blocks", surface=str(kind), limit=VIEW_MAX_BLOCKS)
    if kind == "modal":
        checker.text(view.get("title"), "/view/title", 24, plain=True)
        has_inputs = any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or [])
        if has_inputs and view.get("submit") is None:
            checker.fail("/view/submit", "must provide submit when the view has input blocks")
    for name in ("submit", "close"):
        if view.get(name) is not None:
            checker.text(view[name], f"/view/{name}", 24, plain=True)
    checker.string(view.get("callback_id"), "/view/callback_id", 255)
    checker.string(view.get("private_metadata"), "/view/private_metadata", 3000)
    checker.string(view.get("external_id"), "/view/external_id", 255)
    return checker.problems
