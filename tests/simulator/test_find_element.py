"""Picking an element by its block: two blocks may hold elements with the same action_id, as Slack allows."""

from __future__ import annotations

import pytest

from bot.sandbox.simulator.interactions import find_element

BLOCKS = [
    {"type": "actions", "block_id": "first", "elements": [
        {"type": "button", "action_id": "go", "text": {"type": "plain_text", "text": "Go"}, "value": "1"}]},
    {"type": "actions", "block_id": "second", "elements": [
        {"type": "button", "action_id": "go", "text": {"type": "plain_text", "text": "Go"}, "value": "2"}]},
]  # fmt: skip


def test_the_block_tells_apart_elements_with_the_same_action_id() -> None:
    with pytest.raises(AssertionError, match="2 elements"):
        find_element(BLOCKS, action_id="go", text=None, value=None)
    picked = find_element(BLOCKS, action_id="go", text=None, value=None, block_id="second")
    assert picked.element["value"] == "2"
    with pytest.raises(AssertionError, match="no element"):
        find_element(BLOCKS, action_id="go", text=None, value=None, block_id="third")
