"""A command is read as a command whatever words it carries: Bolt once took the word "payload" for an interaction."""

from __future__ import annotations

import io
import itertools
import json
import re
import urllib.parse
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_bolt import App

from bot import request_guard
from bot.app import BodyMatcher
from bot.sandbox.simulator.server import SlackSimulator
from bot.slack_requests import FORM, read_request
from tests.support.harness import BotHarness

PERSON = "UPAYLOAD01"


@pytest.mark.parametrize("text", ["payload", "hearts payload", "payload={}", "help payload"])
def test_a_command_whose_text_holds_the_word_payload_is_answered(
    bot: BotHarness, sim: SlackSimulator, text: str
) -> None:
    sim.add_user(PERSON, "pc.payne")
    sim.add_channel("CPAYLOAD01", "team", members=[PERSON])
    result = bot.driver.command(PERSON, "/ethicard", text, channel="CPAYLOAD01")
    assert result.status == 200
    answer = result.wait_response()
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    assert answer.get("text")


def test_every_command_in_a_channel_named_payload_is_answered(bot: BotHarness, sim: SlackSimulator) -> None:
    sim.add_user(PERSON, "pc.payne")
    sim.add_channel("CPAYLOAD02", "payload-team", members=[PERSON])
    for command in ("/ethicard", "/dilemma", "/concern", "/cpd", "/ambassador", "/standards"):
        result = bot.driver.command(PERSON, command, "help", channel="CPAYLOAD02")
        assert result.status == 200, command
        assert result.wait_response().get("text"), command


def test_a_person_named_payload_is_answered(bot: BotHarness, sim: SlackSimulator) -> None:
    sim.add_user("UPAYLOAD03", "payload")
    sim.add_channel("CPAYLOAD03", "team", members=["UPAYLOAD03"])
    result = bot.driver.command("UPAYLOAD03", "/ethicard", "", channel="CPAYLOAD03")
    assert result.status == 200
    assert "card" in str(result.wait_response()).lower()


_channels = itertools.count()
COMMANDS = ("/ethicard", "/dilemma", "/concern", "/cpd", "/ambassador", "/standards")
CHANNEL_NAMES = st.one_of(
    st.sampled_from(["payload", "payload-team", "command", "text", "response_url", "token", "team_id", "x" * 80]),
    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,79}", fullmatch=True),
)
COMMAND_TEXT = st.one_of(
    st.sampled_from(["payload", "payload=%7B%7D", "&payload=x", "{", "command=/x", "<#C1|x>", "help"]),
    st.text(max_size=200),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), text=COMMAND_TEXT, channel_name=CHANNEL_NAMES)
def test_any_command_text_in_any_channel_gets_an_answer(
    bot: BotHarness, sim: SlackSimulator, command: str, text: str, channel_name: str
) -> None:
    channel = f"CANY{next(_channels):06d}"
    sim.add_user(PERSON, "pc.payne")
    sim.add_channel(channel, channel_name, members=[PERSON])
    result = bot.driver.command(PERSON, command, text, channel=channel)
    assert result.status == 200
    assert result.elapsed < 3.0

    def answered() -> bool:  # a private reply, or the form the command opens (`/concern` alone opens one)
        if result.response_url and any(
            p.response_url_id == result.response_url.rsplit("/", 1)[-1] for p in sim.responses
        ):
            return True
        return any(c.method == "views.open" and c.args.get("trigger_id") == result.trigger_id for c in sim.calls)

    sim.wait_for(answered, timeout=10, what=f"an answer to {command} {text!r} in #{channel_name}")


FIELD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    fields=st.lists(st.tuples(FIELD_TEXT, FIELD_TEXT), max_size=6),
    payload=st.none() | st.dictionaries(FIELD_TEXT, FIELD_TEXT, max_size=4),
)
def test_the_guard_reads_a_form_as_bolt_then_reads_it_by_its_fields(
    fields: list[tuple[str, str]], payload: dict[str, str] | None
) -> None:
    """The body the guard hands on (so that it is parsed once) is the one Bolt would have read, as corrected for
    commands whose words hold "payload" (bot.slack_requests)."""
    pairs = [(name, value) for name, value in fields if name != "payload"]
    if payload is not None:
        pairs.append(("payload", json.dumps(payload)))
    raw = urllib.parse.urlencode(pairs)
    environ = {"CONTENT_LENGTH": str(len(raw.encode())), "CONTENT_TYPE": FORM, "wsgi.input": io.BytesIO(raw.encode())}
    assert request_guard.check(environ) is None
    handed_on = read_request(raw, "", {"content-type": FORM}, environ[request_guard.PARSED_BODY])
    read_alone = read_request(raw, "", {"content-type": FORM})
    assert handed_on.body == read_alone.body == (payload if payload is not None else dict(pairs))
    assert handed_on.raw_body == raw  # what the signature is checked against
    assert handed_on.context.get("team_id") == read_alone.context.get("team_id")


def test_every_listener_is_matched_on_the_body_alone(bot: BotHarness, sim: SlackSimulator) -> None:
    """Bolt's own matcher builds two dozen arguments for each listener it tries; here every listener is tried on
    the body alone (bot.app.BodyMatcher), and a request still finds its listener, here one registered late."""
    app = bot.server.get_app().bolt.app
    assert len(app._listeners) > 50
    assert all(isinstance(listener.matchers[0], BodyMatcher) for listener in app._listeners)
    sim.add_user(PERSON, "pc.payne")
    sim.add_channel("CMATCH01", "team", members=[PERSON])
    result = bot.driver.command(PERSON, "/standards", "help", channel="CMATCH01")
    assert "/standards" in str(result.wait_response())


def _button_constraints(app: App) -> list[str | re.Pattern[str]]:
    """The action IDs (and patterns of action IDs) the app's button listeners were registered with."""
    found: list[str | re.Pattern[str]] = []
    for listener in app._listeners:
        test = getattr(listener.matchers[0], "test", None)
        for cell in getattr(test, "__closure__", None) or ():
            constraint = cell.cell_contents
            values = constraint.values() if isinstance(constraint, dict) else [constraint]
            found += [value for value in values if isinstance(value, str | re.Pattern)]
    return found


def test_a_button_is_matched_to_the_same_listeners_as_bolt_matches_it_however_often_it_is_seen(
    bot: BotHarness,
) -> None:
    """A button's listener remembers whether a click's action ID and block ID matched it (bot.app.BodyMatcher):
    for clicks on every button the app knows (and on others), remembered answers are Bolt's own, every time."""
    app = bot.server.get_app().bolt.app
    matchers = [listener.matchers[0] for listener in app._listeners]
    assert all(isinstance(matcher, BodyMatcher) for matcher in matchers)
    known = _button_constraints(app)
    assert len(known) > 20
    ids = st.one_of(
        *[st.from_regex(c, fullmatch=True) if isinstance(c, re.Pattern) else st.just(c) for c in known],
        st.text(max_size=12),
        st.none(),
    )
    click = st.fixed_dictionaries(
        {"type": st.sampled_from(["block_actions", "view_submission", "block_suggestion"]),
         "actions": st.lists(st.fixed_dictionaries({"action_id": ids, "block_id": ids}), max_size=2)}
    )  # fmt: skip

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(click, min_size=1, max_size=6))
    def check(bodies: list[dict[str, Any]]) -> None:
        for body in bodies * 2:  # each body seen twice: the second answer may come from memory
            request = SimpleNamespace(body=body)
            for matcher in matchers:
                assert isinstance(matcher, BodyMatcher)
                try:
                    bolt_says: object = bool(matcher.test(body))
                except Exception as exc:
                    bolt_says = type(exc)
                try:
                    we_say: object = matcher.matches(request, None)  # type: ignore[arg-type]
                except Exception as exc:
                    we_say = type(exc)
                assert we_say == bolt_says, (body, matcher.test)

    check()
