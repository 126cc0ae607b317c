"""Briefing packs over real HTTP: who may have one, what it holds, the PDF, and the show of hands recorded after
the briefing, seen in the results apart from the votes and in the impact figures under the same small-number rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.sandbox.simulator.server import SlackSimulator
from bot.services.impact import report as impact
from bot.services.impact.period import Period
from bot.texts import impact as impact_texts
from storage.models.ambassadors import Ambassador
from storage.models.briefings import DilemmaBriefing
from tests.dilemmas.conftest import TEAM_A, TEAM_B, VOTERS_A, VOTERS_B, admin_says, post_in, texts_of, vote
from tests.support.harness import ADMIN, TEAM_ID, BotHarness

LEAD, FORMER, CONSTABLE = VOTERS_A[0], VOTERS_A[1], VOTERS_A[2]
FOR_THE_END = "For the end of the session"


def _on_roster(bot: BotHarness, user: str, status: str = "active") -> None:
    with bot.deps.db.unit_of_work() as session:
        session.add(
            Ambassador(
                team_id=TEAM_ID, user_id=user, department="Response", role="PC", standards_manager_id=ADMIN,
                status=status, joined_on=date(2026, 1, 5), induction_due_on=date(2026, 2, 2),
            )
        )  # fmt: skip


def _brief(bot: BotHarness, user: str, text: str = "brief", channel: str = TEAM_A) -> dict[str, Any]:
    result = bot.driver.command(user, "/dilemma", text, channel=channel)
    assert result.status == 200
    assert result.elapsed < 3.0
    return result.wait_response()


def _posted(bot: BotHarness, sim: SlackSimulator, channel: str) -> dict[str, Any]:
    admin_says(bot, f"post <#{channel}|team>", channel=channel)
    return sim.wait_for(lambda: sim.messages(channel), what="the dilemma")[-1]


def _show_of_hands(bot: BotHarness, user: str, pack: dict[str, Any], numbers: dict[str, str]) -> Any:
    before = {view["id"] for view in bot.sim.views_for(user)}  # an earlier form may still show "Recorded"
    opened = bot.driver.click(user, message=pack, action_id="dilemma_brief_hands")
    assert opened.status == 200

    def new_form() -> dict[str, Any] | None:
        forms = [v for v in bot.sim.views_for(user) if v["id"] not in before]
        return forms[-1] if forms else None

    view = bot.sim.wait_for(new_form, what="the show of hands form")
    assert view is not None
    assert view["callback_id"] == "dilemma_brief_hands_form"
    values = {("present" if key == "present" else f"hands-{key}"): n for key, n in numbers.items()}
    return bot.driver.submit(user, view, values)


def _pdfs(sim: SlackSimulator, count: int) -> list[dict[str, Any]]:
    def found() -> list[dict[str, Any]] | None:
        files = [f for f in sim.files() if f["name"].endswith(".pdf")]
        return files if len(files) >= count else None

    files = sim.wait_for(found, timeout=20.0, what=f"{count} PDF files")  # drawing takes a second or two
    assert files is not None
    return files


def test_an_ambassador_gets_the_pack_and_others_are_refused(bot: BotHarness, people: SlackSimulator) -> None:
    _on_roster(bot, LEAD)
    _on_roster(bot, FORMER, status="left")
    _posted(bot, people, TEAM_A)
    dilemma = bot.deps.content.dilemmas[post_in(bot, TEAM_A).dilemma_id]
    reasoning = dilemma.panel_view.reasoning.split("\n")[0][:60]

    pack = _brief(bot, LEAD)
    shown = texts_of(pack)
    assert pack.get("response_type", "ephemeral") == "ephemeral"
    assert "Briefing pack" in shown
    assert dilemma.options[0].label in shown
    assert dilemma.prompts[0][:40] in shown
    # The panel's view is there, after the mark that keeps it for the end.
    assert shown.index("Questions to talk about") < shown.index(FOR_THE_END) < shown.index(reasoning)
    (pdf,) = _pdfs(people, 1)
    assert pdf["channel"].startswith("D")  # to the person, never the channel
    assert pdf["content"].startswith(b"%PDF")
    assert pdf["name"] == f"briefing-pack-{dilemma.id}.pdf"

    for outsider in (CONSTABLE, FORMER):
        refused = texts_of(_brief(bot, outsider))
        assert "for standards ambassadors and the standards team" in refused
        assert reasoning not in refused
        assert FOR_THE_END not in refused
    assert FOR_THE_END in texts_of(_brief(bot, ADMIN))  # the standards team may too
    assert len(_pdfs(people, 2)) == 2  # the admin's, and none for those refused

    other = next(d for d in bot.deps.content.dilemmas.values() if d.id != dilemma.id)
    named = texts_of(_brief(bot, LEAD, f"brief {other.id}"))
    assert other.title in named
    assert "has not been posted in a channel yet" in named
    assert "no dilemma `no-such-dilemma`" in texts_of(_brief(bot, LEAD, "brief no-such-dilemma"))
    assert "No dilemma has been posted in this channel" in texts_of(_brief(bot, LEAD, channel=TEAM_B))


def test_a_show_of_hands_joins_the_results_apart_from_the_votes(bot: BotHarness, people: SlackSimulator) -> None:
    _on_roster(bot, LEAD)
    message = _posted(bot, people, TEAM_A)
    post = post_in(bot, TEAM_A)
    dilemma = bot.deps.content.dilemmas[post.dilemma_id]
    keys: list[str] = [option.key for option in dilemma.options]
    for user in VOTERS_A[:6]:
        vote(bot, user, message, keys[0])
    pack = _brief(bot, LEAD)

    # The numbers are checked in the form: more hands than people is refused, and nothing is kept.
    counts = {key: "0" for key in keys} | {keys[0]: "9", keys[1]: "8"}
    too_many = _show_of_hands(bot, LEAD, pack, {**counts, "present": "12"})
    assert "More hands went up than there were people" in too_many.errors["present"]
    assert bot.rows(DilemmaBriefing) == []
    done = _show_of_hands(bot, LEAD, pack, {**counts, "present": "20"})
    assert done.status == 200
    assert not done.errors
    (row,) = bot.rows(DilemmaBriefing)
    assert (row.post_id, row.present, row.hands[keys[0]], row.hands[keys[1]]) == (post.id, 20, 9, 8)

    admin_says(bot, "close")
    reveal = people.wait_for(lambda: people.thread(TEAM_A, message["ts"])[1:], what="the reveal")[-1]
    shown = texts_of(reveal)
    assert "6 responses" in shown  # the Slack votes, as they were
    assert f"{keys[0]} ██████████    6 (100%)" in shown
    assert "*In briefings:* 1 briefing, 20 people in the room, 17 hands raised" in shown
    assert f"{keys[0]} █████░░░░░    9 ( 53%)" in shown  # the hands' own spread, apart from the votes
    assert post_in(bot, TEAM_A).tally == {keys[0]: 6}  # the votes' record holds no hands

    # A briefing held after the close updates the reveal in place.
    later = {key: "0" for key in keys} | {keys[1]: "3"}
    _show_of_hands(bot, LEAD, _brief(bot, LEAD), {**later, "present": "4"})
    people.wait_for(lambda: "2 briefings" in texts_of(people.thread(TEAM_A, message["ts"])[-1]), what="the update")
    assert "24 people in the room, 20 hands raised" in texts_of(people.thread(TEAM_A, message["ts"])[-1])


def test_few_hands_are_not_spread_out_and_the_impact_figures_keep_the_rule(
    bot: BotHarness, people: SlackSimulator
) -> None:
    _on_roster(bot, VOTERS_B[0])
    message = _posted(bot, people, TEAM_B)
    dilemma = bot.deps.content.dilemmas[post_in(bot, TEAM_B).dilemma_id]
    keys: list[str] = [option.key for option in dilemma.options]
    pack = _brief(bot, VOTERS_B[0], channel=TEAM_B)
    small = {key: "0" for key in keys} | {keys[0]: "2", keys[1]: "1"}
    assert not _show_of_hands(bot, VOTERS_B[0], pack, {**small, "present": "3"}).errors
    admin_says(bot, "close", channel=TEAM_B)
    reveal = people.wait_for(lambda: people.thread(TEAM_B, message["ts"])[1:], what="the reveal")[-1]
    shown = texts_of(reveal)
    assert "1 briefing, 3 people in the room, 3 hands raised" in shown
    assert "Fewer than 5 hands were raised in briefings" in shown
    assert "█" not in shown

    def headlines() -> dict[str, str]:
        today = datetime.now(ZoneInfo("Europe/London")).date()
        month = Period(today.replace(day=1), (today.replace(day=28) + timedelta(days=4)).replace(day=1),
                       ZoneInfo("Europe/London"))  # fmt: skip
        with bot.deps.db.unit_of_work() as session:
            report = impact.build(
                session, TEAM_ID, bot.deps.content, month, datetime.now(UTC), texts=impact_texts, trends=False
            )
        return {item.key: impact_texts.show(item.current) for item in report.headlines}

    figures = headlines()
    assert figures["briefings"] == "1"  # a count of briefings held, as posts are: nobody's action
    assert figures["briefing_present"] == "fewer than 5"
    assert figures["briefing_agreement"] == "fewer than 5"
    assert figures["responses"] == "fewer than 5"  # no Slack votes: the hands are not counted among them

    bigger = {key: "0" for key in keys} | {dilemma.panel_view.option: "6", keys[0]: "6"}
    bigger[dilemma.panel_view.option] = "6"
    _show_of_hands(bot, VOTERS_B[0], _brief(bot, VOTERS_B[0], channel=TEAM_B), {**bigger, "present": "15"})
    figures = headlines()
    raised = 3 + sum(int(n) for n in bigger.values())
    agreed = int(small.get(dilemma.panel_view.option, "0")) + 6
    assert figures["briefings"] == "2"
    assert figures["briefing_present"] == "18"
    assert figures["briefing_agreement"] == f"{round(100 * agreed / raised)}%"
