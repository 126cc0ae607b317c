"""Any text, over real HTTP: slash-command arguments always get a plain private answer, and anonymous comments
are posted so that they cannot mention, ping or link, or are refused with a reason."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.sandbox.simulator.server import SlackSimulator
from bot.texts.common import FAULT, visible
from tests.dilemmas.conftest import TEAM_A, VOTERS_A, admin_says, comment
from tests.support.harness import ADMIN, BotHarness

NASTY = st.sampled_from(
    [
        "<!channel>", "<!here|here>", "<@UADMIN0001>", "<#CTEAMA0001|team>", "<https://evil.example|click>",
        "token=x&user_id=U1", "*bold* _it_ ~s~ `code` ```block```", "&amp; &lt; &gt;", "🙂" * 500, "x" * 3000,
        "schedule #nowhere funday 99:99", "post ../../etc/passwd", "close <#C999|gone>", "\u202e\u0000\n\t",
    ]
)  # fmt: skip
ANY_TEXT = st.one_of(
    NASTY, st.text(max_size=3000), st.builds("".join, st.lists(NASTY, max_size=4)).map(lambda t: t[:3000])
)
QUICK = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@QUICK
@given(text=ANY_TEXT, as_admin=st.booleans())
def test_any_command_text_gets_a_private_plain_answer(
    bot: BotHarness, people: SlackSimulator, text: str, as_admin: bool
) -> None:
    user = ADMIN if as_admin else VOTERS_A[0]
    result = bot.driver.command(user, "/dilemma", text, channel=TEAM_A)
    assert result.status == 200
    assert result.elapsed < 3.0
    answer = result.wait_response()
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    assert answer["text"]
    assert FAULT not in answer["text"]


_writers = itertools.count()


@QUICK
@given(text=ANY_TEXT)
def test_any_comment_is_posted_safely_or_refused_with_a_reason(
    bot: BotHarness, people: SlackSimulator, text: str
) -> None:
    if not people.messages(TEAM_A):
        admin_says(bot, "post otp-a-word-over-coffee")
        people.wait_for(lambda: people.messages(TEAM_A))
    posted = people.messages(TEAM_A)[0]
    writer = f"UWRITER{next(_writers):04d}"
    people.add_user(writer, writer.lower())
    before = len(people.thread(TEAM_A, posted["ts"]))
    result = comment(bot, writer, posted, text)
    assert result.status == 200
    if result.errors:
        assert not visible(text).strip()
        assert "Write something first" in result.errors["comment"]
        return
    people.wait_for(lambda: len(people.thread(TEAM_A, posted["ts"])) == before + 1, what="the comment in the thread")
    reply = people.thread(TEAM_A, posted["ts"])[-1]
    bodies = "".join(b["text"]["text"] for b in reply["blocks"][1:] if b["type"] == "section")
    assert "<" not in bodies
    assert ">" not in bodies
    # What others see is the text itself, less invisible direction controls and zero-width characters.
    assert bodies.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == visible(text)
    assert not any(char in bodies for char in ("\u202e", "\u200b", "\u2066", "\ufeff"))
    assert "A colleague" in reply["blocks"][0]["text"]["text"]


def test_a_comment_is_shown_verbatim_without_invisible_controls(bot: BotHarness, people: SlackSimulator) -> None:
    admin_says(bot, "post")
    posted = people.wait_for(lambda: people.messages(TEAM_A))[0]
    people.add_user("UWRITERZ01", "writer")
    text = "See #general and www.example.org \u202edrawkcab\u202c hid\u200bden"
    assert comment(bot, "UWRITERZ01", posted, text).status == 200
    reply = people.wait_for(lambda: people.thread(TEAM_A, posted["ts"])[1:], what="the comment")[-1]
    body = [b["text"] for b in reply["blocks"][1:] if b["type"] == "section"]
    assert "".join(t["text"] for t in body) == "See #general and www.example.org drawkcab hidden"
    assert all(t.get("verbatim") is True for t in body)
    invisible_only = comment(bot, "UWRITERZ01", posted, "\u200b\u202e\u2066")
    assert "Write something first" in (invisible_only.errors or {}).get("comment", "")
