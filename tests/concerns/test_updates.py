"""How a reporter without their name hears of replies: by default a DM that says only that there is news."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage.models import OutboxMessage
from tests.concerns.conftest import HANDLER, REPORTER, case_post, open_form, raise_concern
from tests.concerns.flows import REPLY, dm_with, submit_case_form
from tests.support.harness import BotHarness

CONCERN = "The night custody sergeant lets a friend skip the booking-in queue"
OUTCOME = "Words of advice given to the sergeant concerned"
# What the Home tab, the README and the threat model each say, word for word.
NEWS_ONLY = (
    "the bot's message to you says only that there is news, with no case reference and no reply: you read the "
    "reply with `/concern status` and your receipt code, shown only to you."
)
REPLY_IN_DM = (
    "If you chose to have the reply sent in a DM, the bot's messages to you name the case and quote the replies, "
    "and Slack keeps them."
)
DELETED = (
    "When a case is deleted, the bot deletes every message it posted for it in the case channel and its messages "
    "to you; Slack may still keep copies under the workspace's retention settings, a legal hold or an export made "
    "before."
)


def everything_in_the_dm(bot: BotHarness, user: str) -> str:
    """Every message the workspace holds in the bot's DM with `user` (threads, edits and deletions included) and
    every call the bot made there, as one string."""
    with bot.sim.lock:
        channel = bot.sim.ws.im_of(user) or ""
        held = [message.to_api() for message in bot.sim.ws.messages.get(channel, [])]
        calls = [call.args for call in bot.sim.calls if call.args.get("channel") == channel]
    return str(held) + str(calls)


def test_by_default_the_dm_says_only_that_there_is_news_and_the_status_shows_the_reply(
    case_bot: BotHarness,
) -> None:
    bot = case_bot
    form = open_form(bot, REPORTER)
    [contact] = [block for block in form["blocks"] if block.get("block_id") == "contact"]
    assert contact["element"]["initial_option"]["value"] == "relay"  # the default
    assert "nothing else in the DM" in contact["element"]["initial_option"]["text"]["text"]
    bot.driver.close(REPORTER, form)

    raised = raise_concern(bot, CONCERN)  # the form as it opens: the default choice
    assert "no case reference and no reply" in str(raised.view)
    post = case_post(bot, raised.reference)
    assert submit_case_form(bot, HANDLER, post, "Reply to reporter", {"reply": REPLY}).status == 200
    submit_case_form(bot, HANDLER, post, "Set status", {"status": "closed", "outcome": OUTCOME})
    bot.sim.wait_for(lambda: not bot.rows(OutboxMessage, OutboxMessage.status == "pending"), what="every send")

    news = dm_with(bot, REPORTER, "There is news about the concern you raised")
    assert "Answer the case team" not in str(news)  # no button: its value would lead to the case
    stream = everything_in_the_dm(bot, REPORTER)
    assert stream.count("There is news about the concern you raised") >= 2
    for secret in (raised.reference, "SC-", REPLY, REPLY.split(".")[0], OUTCOME, CONCERN, raised.code):
        assert secret not in stream, secret

    status = bot.driver.command(REPORTER, "/concern", f"status {raised.code}").wait_response()
    assert status["response_type"] == "ephemeral"  # shown only to the person who typed it
    assert REPLY.split(".")[0] in str(status["blocks"])
    assert OUTCOME in str(status["blocks"])


def test_a_reporter_who_opts_in_gets_the_reply_in_the_dm(case_bot: BotHarness) -> None:
    bot = case_bot
    raised = raise_concern(bot, CONCERN, contact="relay-dm")
    assert "a workspace export can tie them to the case" in str(raised.view)
    post = case_post(bot, raised.reference)
    submit_case_form(bot, HANDLER, post, "Reply to reporter", {"reply": REPLY})
    relayed: dict[str, Any] = dm_with(bot, REPORTER, REPLY.split(".")[0])
    assert raised.reference in str(relayed)
    [section] = [block for block in relayed["blocks"] if REPLY.split(".")[0] in str(block)]
    assert section["text"]["verbatim"] is True  # the case team's words: Slack is not to turn them into links


def _words(text: str) -> str:
    return " ".join(text.replace("*", "").split()).lower()


def test_the_form_the_home_tab_the_readme_and_the_threat_model_say_the_same(case_bot: BotHarness) -> None:
    root = Path(__file__).resolve().parents[2]
    readme, threats = (_words((root / name).read_text()) for name in ("README.md", "THREAT-MODEL.md"))
    form = open_form(case_bot, REPORTER)
    [contact] = [block for block in form["blocks"] if block.get("block_id") == "contact"]
    for option in contact["element"]["options"][:2]:  # the two ways a reporter without their name hears
        label = _words(option["text"]["text"].partition(": ")[2])
        assert label in readme, label
        assert label in threats, label
    opt_in = _words(contact["element"]["options"][1]["description"]["text"])
    assert opt_in in readme
    assert opt_in in threats
    case_bot.driver.open_home(REPORTER)
    home = _words(str(case_bot.sim.wait_for(lambda: case_bot.sim.home(REPORTER), what="the Home tab")))
    for promise in (NEWS_ONLY, REPLY_IN_DM, DELETED):
        words = _words(promise)
        assert words in home, promise
        assert words in readme, promise
        assert words in threats, promise
