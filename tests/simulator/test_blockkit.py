"""Each Block Kit rule refuses a payload just past Slack's limit and accepts one just within it."""

from __future__ import annotations

from typing import Any

import pytest

from bot.sandbox.simulator.blockkit import validate_message_blocks, validate_view


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def section(text: str = "hi", **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(text), **extra}


def button(action_id: str = "go", text: str = "Go", **extra: Any) -> dict[str, Any]:
    return {"type": "button", "action_id": action_id, "text": plain(text), **extra}


def actions(*elements: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "actions", "elements": list(elements), **extra}


def options(n: int, text: str = "o", value: str | None = None) -> list[dict[str, Any]]:
    return [{"text": plain(f"{text}{i}" if len(text) < 70 else text), "value": value or f"v{i}"} for i in range(n)]


def select(kind: str, opts: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"type": kind, "action_id": kind, "options": opts, **extra}


def input_block(element: dict[str, Any], label: str = "Label", **extra: Any) -> dict[str, Any]:
    return {"type": "input", "block_id": "in", "label": plain(label), "element": element, **extra}


def text_input(**extra: Any) -> dict[str, Any]:
    return {"type": "plain_text_input", "action_id": "t", **extra}


def modal(blocks: list[dict[str, Any]], title: str = "Title", **extra: Any) -> dict[str, Any]:
    return {"type": "modal", "title": plain(title), "submit": plain("Save"), "blocks": blocks, **extra}


MESSAGE_CASES: list[tuple[str, list[Any], list[Any]]] = [
    ("50 blocks", [section()] * 51, [section()] * 50),
    ("input in a message", [input_block(text_input())], [section()]),
    ("unknown block type", [{"type": "sectoin", "text": mrkdwn("x")}], [{"type": "divider"}]),
    ("duplicate action_id", [actions(button("a"), button("a", "Again"))], [actions(button("a"), button("b"))]),
    (
        "duplicate action_id across blocks",
        [actions(button("a")), section(accessory=button("a"))],
        [actions(button("a")), section(accessory=button("b"))],
    ),
    ("duplicate block_id", [section(block_id="x"), section(block_id="x")], [section(block_id="x"), section()]),
    ("section text 3000", [section("x" * 3001)], [section("x" * 3000)]),
    ("section without text", [{"type": "section"}], [{"type": "section", "fields": [mrkdwn("f")]}]),
    ("empty text", [section("")], [section("x")]),
    (
        "section fields 10",
        [{"type": "section", "fields": [mrkdwn("f")] * 11}],
        [{"type": "section", "fields": [mrkdwn("f")] * 10}],
    ),
    (
        "section field 2000",
        [{"type": "section", "fields": [mrkdwn("f" * 2001)]}],
        [{"type": "section", "fields": [mrkdwn("f" * 2000)]}],
    ),
    ("header 150", [{"type": "header", "text": plain("h" * 151)}], [{"type": "header", "text": plain("h" * 150)}]),
    ("header mrkdwn", [{"type": "header", "text": mrkdwn("h")}], [{"type": "header", "text": plain("h")}]),
    (
        "context 10 elements",
        [{"type": "context", "elements": [mrkdwn("c")] * 11}],
        [{"type": "context", "elements": [mrkdwn("c")] * 10}],
    ),
    (
        "actions 25 elements",
        [actions(*[button(f"b{i}") for i in range(26)])],
        [actions(*[button(f"b{i}") for i in range(25)])],
    ),
    ("button text 75", [actions(button(text="b" * 76))], [actions(button(text="b" * 75))]),
    ("button mrkdwn", [actions({**button(), "text": mrkdwn("Go")})], [actions(button())]),
    ("button value 2000", [actions(button(value="v" * 2001))], [actions(button(value="v" * 2000))]),
    ("button url 3000", [actions(button(url="u" * 3001))], [actions(button(url="u" * 3000))]),
    ("action_id 255", [actions(button("a" * 256))], [actions(button("a" * 255))]),
    ("block_id 255", [section(block_id="b" * 256)], [section(block_id="b" * 255)]),
    (
        "static_select 100 options",
        [actions(select("static_select", options(101)))],
        [actions(select("static_select", options(100)))],
    ),
    (
        "radio 10 options",
        [actions(select("radio_buttons", options(11)))],
        [actions(select("radio_buttons", options(10)))],
    ),
    (
        "checkboxes 10 options",
        [actions(select("checkboxes", options(11)))],
        [actions(select("checkboxes", options(10)))],
    ),
    (
        "option text 75",
        [actions(select("static_select", options(1, text="o" * 76)))],
        [actions(select("static_select", options(1, text="o" * 75)))],
    ),
    (
        "option value 150",
        [actions(select("static_select", options(1, value="v" * 151)))],
        [actions(select("static_select", options(1, value="v" * 150)))],
    ),
    (
        "select placeholder 150",
        [actions(select("static_select", options(2), placeholder=plain("p" * 151)))],
        [actions(select("static_select", options(2), placeholder=plain("p" * 150)))],
    ),
    (
        "initial_option not among options",
        [actions(select("static_select", options(2), initial_option=options(3)[2]))],
        [actions(select("static_select", options(2), initial_option=options(2)[1]))],
    ),
]

VIEW_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("100 blocks in a modal", modal([section()] * 101), modal([section()] * 100)),
    (
        "100 blocks in home",
        {"type": "home", "blocks": [section()] * 101},
        {"type": "home", "blocks": [section()] * 100},
    ),
    ("modal title 24", modal([], title="t" * 25), modal([], title="t" * 24)),
    ("modal title mrkdwn", {**modal([]), "title": mrkdwn("T")}, modal([])),
    ("submit 24", {**modal([]), "submit": plain("s" * 25)}, {**modal([]), "submit": plain("s" * 24)}),
    ("close 24", modal([], close=plain("c" * 25)), modal([], close=plain("c" * 24))),
    ("callback_id 255", modal([], callback_id="c" * 256), modal([], callback_id="c" * 255)),
    ("private_metadata 3000", modal([], private_metadata="m" * 3001), modal([], private_metadata="m" * 3000)),
    (
        "inputs without submit",
        {"type": "modal", "title": plain("T"), "blocks": [input_block(text_input())]},
        modal([input_block(text_input())]),
    ),
    (
        "input label 2000",
        modal([input_block(text_input(), "l" * 2001)]),
        modal([input_block(text_input(), "l" * 2000)]),
    ),
    (
        "hint 2000",
        modal([input_block(text_input(), hint=plain("h" * 2001))]),
        modal([input_block(text_input(), hint=plain("h" * 2000))]),
    ),
    (
        "input placeholder 150",
        modal([input_block(text_input(placeholder=plain("p" * 151)))]),
        modal([input_block(text_input(placeholder=plain("p" * 150)))]),
    ),
    (
        "plain_text_input max_length 3000",
        modal([input_block(text_input(max_length=3001))]),
        modal([input_block(text_input(max_length=3000))]),
    ),
    (
        "duplicate action_id in a view",
        modal([input_block(text_input()), {**input_block(text_input()), "block_id": "other"}]),
        modal([input_block(text_input()), {**input_block(text_input(action_id="u")), "block_id": "other"}]),
    ),
    ("unknown view type", {**modal([]), "type": "dialog"}, modal([])),
]


@pytest.mark.parametrize(("rule", "bad", "good"), MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES])
def test_message_rule(rule: str, bad: list[Any], good: list[Any]) -> None:
    assert validate_message_blocks(bad), f"{rule}: accepted a payload Slack refuses"
    assert validate_message_blocks(good) == [], rule


@pytest.mark.parametrize(("rule", "bad", "good"), VIEW_CASES, ids=[c[0] for c in VIEW_CASES])
def test_view_rule(rule: str, bad: dict[str, Any], good: dict[str, Any]) -> None:
    assert validate_view(bad), f"{rule}: accepted a view Slack refuses"
    assert validate_view(good) == [], rule


def test_problems_point_at_the_offending_field() -> None:
    problems = validate_message_blocks([section(), {"type": "header", "text": plain("h" * 151)}])
    assert problems == ["must be less than 151 characters [json-pointer:/blocks/1/text/text]"]
