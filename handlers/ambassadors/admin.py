"""The standards team's `/ambassador` forms: drives, the roster, coverage, headcounts, inductions and leavers.
The caller has checked that the person is an admin."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from slack_bolt import Respond

from bot.blocks import ambassadors as blocks
from bot.deps import Deps
from bot.services import ambassadors as service
from bot.texts import ambassadors as texts
from bot.texts.common import escape
from handlers.ambassadors import exports as ambassador_exports
from handlers.common import CommandText, answer_help, private, user_ref
from storage.models import utcnow

COMMAND = "/ambassador"
VERBS = frozenset({"drive", "list", "coverage", "headcount", "inducted", "left", "export"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
MAX_HEADCOUNT = 1_000_000

Answer = Callable[[Deps, Respond, str, str, CommandText], None]


def answer(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    _ANSWERS[parsed.verb](deps, respond, team_id, user_id, parsed)


def _drive(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    action = parsed.args[0].lower() if parsed.args else ""
    drives = service.ambassador_drives
    if action == "open":
        closes_on = _day(parsed.args[1]) if len(parsed.args) == 2 else None
        if closes_on is None:
            private(respond, texts.DRIVE_NEEDS_DATE)
            return
        with deps.db.unit_of_work() as session:
            state = drives.open_drive(
                session, deps, team_id=team_id, user_id=user_id, closes_on=closes_on, now=utcnow()
            )
    elif action == "close" and len(parsed.args) == 1:
        with deps.db.unit_of_work() as session:
            state = drives.close_drive(session, deps, team_id=team_id, user_id=user_id, now=utcnow())
    elif not parsed.args:
        with deps.db.unit_of_work() as session:
            state = drives.drive_status(session, deps, team_id=team_id, now=utcnow())
    else:
        answer_help(respond, COMMAND, texts.HELP, parsed.raw)
        return
    private(respond, _drive_words(state))


def _drive_words(state: service.ambassador_drives.DriveState) -> str:
    opens, closes = state.opens_on or date.min, state.closes_on or date.min
    words: dict[str, Callable[[], str]] = {
        "opened": lambda: texts.drive_opened(closes),
        "already_open": lambda: texts.drive_already_open(opens, closes),
        "past": lambda: texts.DRIVE_PAST,
        "closed": lambda: texts.drive_closed(state.applications),
        "none": lambda: texts.DRIVE_NONE_OPEN,
        "open": lambda: texts.drive_status(opens, closes, state.applications),
        "last": lambda: texts.drive_last(opens, closes, state.applications),
        "never": lambda: texts.DRIVE_NEVER,
    }
    return words[state.status]()


def _day(word: str) -> date | None:
    if not _DATE.match(word):
        return None
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


def _list(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    with deps.db.unit_of_work() as session:
        roster = service.ambassador_roster.roster(session, deps, team_id=team_id, now=utcnow())
    private(respond, blocks.roster_fallback(roster), blocks.roster_blocks(roster))


def _coverage(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    with deps.db.unit_of_work() as session:
        rows = service.ambassador_roster.coverage(session, team_id=team_id)
    private(respond, texts.COVERAGE_TITLE, blocks.coverage_blocks(rows))


def _headcount(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    roster = service.ambassador_roster
    if not parsed.args:
        with deps.db.unit_of_work() as session:
            rows = roster.headcounts(session, team_id=team_id)
        private(respond, texts.HEADCOUNT_TITLE, blocks.headcount_blocks(rows))
        return
    number = parsed.args[-1].replace(",", "") if _NUMBER.match(parsed.args[-1]) else ""
    name = " ".join(parsed.args[:-1])
    if not number or not name or int(number) > MAX_HEADCOUNT:
        private(respond, texts.HEADCOUNT_HELP)
        return
    with deps.db.unit_of_work() as session:
        outcome = roster.set_headcount(
            session, team_id=team_id, user_id=user_id, name=name, headcount=int(number), now=utcnow()
        )
    shown = escape(name[: service.ambassador_common.NAME_LIMIT])
    words = {"set": texts.headcount_set(shown, int(number)), "removed": texts.headcount_removed(shown)}
    private(respond, words.get(outcome, texts.headcount_unknown(shown)))


def _person(respond: Respond, parsed: CommandText) -> str | None:
    person = user_ref(parsed.args[0]) if len(parsed.args) == 1 else None
    if person is None:
        private(respond, texts.needs_person(parsed.verb))
    return person


def _inducted(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    person = _person(respond, parsed)
    if person is None:
        return
    with deps.db.unit_of_work() as session:
        marked = service.ambassador_roster.mark_inducted(session, deps, team_id=team_id, user_id=person, now=utcnow())
    if marked.status == "not_ambassador" or marked.on is None:
        private(respond, texts.not_ambassador(person))
    elif marked.status == "already":
        private(respond, texts.already_inducted(person, marked.on))
    else:
        private(respond, texts.inducted(person, marked.on))


def _left(deps: Deps, respond: Respond, team_id: str, user_id: str, parsed: CommandText) -> None:
    person = _person(respond, parsed)
    if person is None:
        return
    with deps.db.unit_of_work() as session:
        marked = service.ambassador_roster.mark_left(session, deps, team_id=team_id, user_id=person, now=utcnow())
    if marked.status != "done" or marked.on is None:
        private(respond, texts.not_ambassador(person))
    else:
        private(respond, texts.left(person, marked.on))


_ANSWERS: dict[str, Answer] = {
    "drive": _drive,
    "list": _list,
    "coverage": _coverage,
    "headcount": _headcount,
    "inducted": _inducted,
    "left": _left,
    "export": ambassador_exports.export,
}
