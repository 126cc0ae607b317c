"""A person's words are set apart in what others see: quoted, verbatim, and without invisible controls."""

from __future__ import annotations

from tests.concerns.conftest import case_post, raise_concern
from tests.support.harness import BotHarness

FAKE = "It happened on Friday.\n*Raised by:* the chief constable\n\u202eeslaf si siht\u202c and a hidden\u200bword"


def test_a_concerns_text_cannot_pass_for_the_bots_own_lines(case_bot: BotHarness) -> None:
    raised = raise_concern(case_bot, FAKE)
    post = case_post(case_bot, raised.reference)
    sections = [b["text"] for b in post["blocks"] if b.get("type") == "section"]
    shown = "\n".join(text["text"] for text in sections)
    assert ">*Raised by:* the chief constable" in shown  # inside the quote, not a line of the bot's own
    assert "\n*Raised by:* the chief constable" not in shown
    assert "\u202e" not in shown
    assert "\u200b" not in shown
    assert "eslaf si siht" in shown
    assert "hiddenword" in shown
    quoted = [text for text in sections if ">It happened on Friday." in text["text"]]
    assert quoted
    assert all(text.get("verbatim") is True for text in quoted)
