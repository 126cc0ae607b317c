"""What the standards team types about an event reaches Slack escaped and verbatim, the joining link included."""

from __future__ import annotations

from tests.cpd.conftest import announcement, create_event, in_days
from tests.support.harness import BotHarness

LINK = "https://meet.example.org/j/123?pwd=abc&role=guest"


def test_an_online_place_with_an_ampersand_and_a_description_with_a_ping_are_escaped(cpd_bot: BotHarness) -> None:
    bot = cpd_bot
    event = create_event(
        bot, in_days(10), capacity=None, place=LINK, description="Bring questions <!here> & cases to discuss."
    )
    post = announcement(bot, event.id)
    [details] = [block for block in post["blocks"] if block.get("fields")]
    place = next(field for field in details["fields"] if "meet.example.org" in field["text"])
    assert "<https://meet.example.org/j/123?pwd=abc&amp;role=guest|" in place["text"]
    assert all(field["verbatim"] is True for field in details["fields"])
    [described] = [block for block in post["blocks"] if "Bring questions" in str(block)]
    assert described["text"]["text"] == "Bring questions &lt;!here&gt; &amp; cases to discuss."
    assert described["text"]["verbatim"] is True
