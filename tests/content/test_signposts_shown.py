"""An organisation writes its own signposts, so wherever one is shown its words are escaped: never a ping or a link."""

from __future__ import annotations

from typing import Any

from bot.blocks import cards as card_blocks
from bot.blocks import concerns as concern_blocks
from bot.blocks import dilemmas as dilemma_blocks
from bot.blocks.elements import signposts_text
from dilemmas.deck import CardKey
from dilemmas.loader import Content
from dilemmas.models import Signpost

HOSTILE = Signpost(
    name="Tell <!channel> & friends",
    detail="Ring <!here> or <https://example.org|click> & wait",
    url="https://example.org/line?a=1&b=<2>",
)
ESCAPED_NAME = "Tell &lt;!channel&gt; &amp; friends"
ESCAPED_DETAIL = "Ring &lt;!here&gt; or &lt;https://example.org|click&gt; &amp; wait"


def _shown(blocks: Any) -> str:
    return "\n".join(_texts(blocks))


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        return found + [text for value in node.values() for text in _texts(value)]
    if isinstance(node, list):
        return [text for item in node for text in _texts(item)]
    return []


def _assert_escaped(shown: str) -> None:
    assert ESCAPED_NAME in shown
    assert ESCAPED_DETAIL in shown
    assert "<https://example.org/line?a=1&amp;b=&lt;2&gt;|" in shown
    assert "<!channel>" not in shown
    assert "<!here>" not in shown
    assert " & " not in shown


def test_the_renderer_escapes_every_part_of_a_signpost() -> None:
    text = signposts_text("*Where to get help*", [HOSTILE])
    assert text == (
        f"*Where to get help*\n• *<https://example.org/line?a=1&amp;b=&lt;2&gt;|{ESCAPED_NAME}>*: {ESCAPED_DETAIL}"
    )
    plain = Signpost(name="A & B", detail="<!everyone>")
    assert signposts_text("Help", [plain]) == "Help\n• *A &amp; B*: &lt;!everyone&gt;"


def test_a_card_shows_its_signposts_escaped(content: Content) -> None:
    key, card = next(
        (CardKey(suit, rank), card) for (suit, rank), card in sorted(content.cards.items()) if card.signposts
    )
    hostile = {slug: HOSTILE for slug in card.signposts}
    _assert_escaped(_shown(card_blocks.details(key, card, hostile)))


def test_a_dilemma_reveal_shows_its_signposts_escaped(content: Content) -> None:
    dilemma = next(d for _, d in sorted(content.dilemmas.items()) if d.signposts)
    hostile = {slug: HOSTILE for slug in dilemma.signposts}
    tally = {option.key: 2 for option in dilemma.options}
    blocks = dilemma_blocks.reveal_blocks(dilemma, tally, minimum=5, closed_by="closed", signposts=hostile)
    _assert_escaped(_shown(blocks))


def test_the_concerns_home_and_receipt_show_their_signposts_escaped() -> None:
    signposts = [HOSTILE]
    _assert_escaped(_shown(concern_blocks.home_section(365, signposts)))
    receipt = concern_blocks.received_modal(
        "SC-2026-0001", "CODE", "named", waiting=False, signposts=signposts, ack_days=2, feedback_months=3
    )
    _assert_escaped(_shown(receipt))
