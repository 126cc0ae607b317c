"""Block Kit for ambassadors: pure functions from plain values to views and messages.

Everything a person wrote (statements, reasons, department and role names) is escaped here, so it cannot ping.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.blocks import ambassador_meetings as meetings
from bot.blocks.elements import (
    Block,
    button,
    context,
    input_block,
    modal,
    packed,
    plain,
    section,
    split_escaped,
    verbatim,
)
from bot.services.ambassadors.applications import (
    DEPARTMENT,
    DEPARTMENT_OTHER,
    LINE_MANAGER,
    OTHER_DEPARTMENT,
    ROLE,
    STANDARDS_MANAGER,
    STATEMENT,
    STATEMENT_LIMIT,
)
from bot.services.ambassadors.common import NAME_LIMIT, RequestCard
from bot.services.ambassadors.meeting_records import Tally
from bot.services.ambassadors.roster import CoverageRow, Roster
from bot.texts import ambassador_applications as application_texts
from bot.texts import ambassador_meetings as meeting_texts
from bot.texts import ambassadors as texts
from bot.texts.common import escape

FORM_CALLBACK = "ambassador.apply"
DECLINE_CALLBACK = "ambassador.decline_reason"
APPLY_ACTION = "ambassador.open_form"
APPROVE_ACTION = "ambassador.approve"
DECLINE_ACTION = "ambassador.decline"

REASON = "reason"
REASON_LIMIT = 1000
MAX_MESSAGE_BLOCKS = 50
_SECTION_LIMIT = 2900  # a section takes 3,000 characters; leave room for a heading
_MAX_OPTIONS = 99  # a static select takes 100, and "Other / not listed" is one of them


def _text_element(action_id: str, limit: int, *, multiline: bool = False) -> dict[str, Any]:
    return {"type": "plain_text_input", "action_id": action_id, "max_length": limit, "multiline": multiline}


def _trim(escaped: str, limit: int) -> tuple[str, bool]:
    if len(escaped) <= limit:
        return escaped, False
    kept = escaped[: limit - 1]
    if "&" in kept[-5:]:  # never leave half an escape such as "&am"
        kept = kept[: kept.rfind("&")]
    return kept + "…", True


def cut(text: str, limit: int = _SECTION_LIMIT) -> tuple[str, bool]:
    """Escape free text and cut it so that its escaped form fits `limit`; says whether it was cut."""
    return _trim(escape(text), limit)


def quoted(text: str, limit: int = _SECTION_LIMIT) -> list[str]:
    """Free text as a mrkdwn quote, escaped so it cannot mention, ping or link, in as many section-sized pieces
    as it needs: nothing a person wrote is cut off."""
    lines = [
        ">" + piece
        for line in escape(text.strip()).splitlines() or [""]
        for piece in split_escaped(line, limit - 1)  # a line longer than a section is split, never in an escape
    ]
    return packed(lines, limit)


def message(text: str, quote: str | None = None, after: str | None = None) -> dict[str, Any]:
    """A DM of our words, optionally quoting what someone wrote (escaped) and a closing line."""
    blocks = [section(part) for part in packed(text.split("\n"))]
    if quote is not None:
        blocks += [verbatim(section(piece)) for piece in quoted(quote)]
    if after:
        blocks.append(section(after))
    return {"text": text[:3000], "blocks": blocks}


# The application form -------------------------------------------------------------------------------------------------
def application_form(departments: Sequence[str], minimum: int, closes: date) -> dict[str, Any]:
    """The form; a list of the departments with headcounts (and "Other") when there are any, else a text input."""
    blocks: list[Block] = [section(application_texts.form_intro(closes))]
    if departments:
        options = [{"text": plain(name[:75]), "value": name} for name in departments[:_MAX_OPTIONS]]
        options.append({"text": plain(application_texts.DEPARTMENT_OTHER_OPTION), "value": OTHER_DEPARTMENT})
        select = {"type": "static_select", "action_id": DEPARTMENT, "options": options}
        blocks.append(input_block(DEPARTMENT, application_texts.DEPARTMENT_LABEL, select))
        other = _text_element(DEPARTMENT_OTHER, NAME_LIMIT)
        blocks.append(
            input_block(
                DEPARTMENT_OTHER,
                application_texts.DEPARTMENT_OTHER_LABEL,
                other,
                hint=application_texts.DEPARTMENT_OTHER_HINT,
                optional=True,
            )
        )
    else:
        blocks.append(
            input_block(DEPARTMENT, application_texts.DEPARTMENT_LABEL, _text_element(DEPARTMENT, NAME_LIMIT))
        )
    blocks += [
        input_block(
            ROLE, application_texts.ROLE_LABEL, _text_element(ROLE, NAME_LIMIT), hint=application_texts.ROLE_HINT
        ),
        input_block(
            LINE_MANAGER,
            application_texts.LINE_MANAGER_LABEL,
            {"type": "users_select", "action_id": LINE_MANAGER},
            hint=application_texts.LINE_MANAGER_HINT,
        ),
        input_block(
            STANDARDS_MANAGER,
            application_texts.STANDARDS_MANAGER_LABEL,
            {"type": "users_select", "action_id": STANDARDS_MANAGER},
            hint=application_texts.STANDARDS_MANAGER_HINT,
        ),
        input_block(
            STATEMENT,
            application_texts.STATEMENT_LABEL,
            _text_element(STATEMENT, STATEMENT_LIMIT, multiline=True),
            hint=application_texts.statement_hint(minimum),
        ),
    ]
    return modal(
        application_texts.FORM_TITLE,
        blocks,
        close=application_texts.FORM_CLOSE,
        callback_id=FORM_CALLBACK,
        submit=application_texts.FORM_SUBMIT,
    )


def application_sent(line_manager: str, standards_manager: str, words: int) -> dict[str, Any]:
    blocks = [
        section(application_texts.sent(line_manager, standards_manager)),
        context(application_texts.sent_words(words)),
    ]
    return modal(application_texts.SENT_TITLE, blocks, close=application_texts.SENT_CLOSE)


def notice_modal(text: str, title: str = application_texts.NOTICE_TITLE) -> dict[str, Any]:
    return modal(title, [section(text)], close=application_texts.NOTICE_CLOSE)


def decline_modal(approval_id: int, applicant: str) -> dict[str, Any]:
    reason = input_block(
        REASON,
        application_texts.DECLINE_REASON_LABEL,
        _text_element(REASON, REASON_LIMIT, multiline=True),
        hint=application_texts.DECLINE_REASON_HINT,
    )
    blocks = [section(application_texts.decline_intro(applicant)), reason]
    return modal(
        application_texts.DECLINE_TITLE,
        blocks,
        close=application_texts.DECLINE_CLOSE,
        callback_id=DECLINE_CALLBACK,
        submit=application_texts.DECLINE,
        metadata=str(approval_id),
    )


# Requests for a decision and what replaces them -----------------------------------------------------------------------
def request_message(card: RequestCard) -> dict[str, Any]:
    department, _ = cut(card.department, NAME_LIMIT * 5)
    role, _ = cut(card.role, NAME_LIMIT * 5)
    blocks: list[Block] = [
        section(card.headline),
        verbatim(section(application_texts.request_details(department, role))),
        section(application_texts.statement_heading(card.words)),
        *(verbatim(section(piece)) for piece in quoted(card.statement)),
    ]
    value = str(card.approval_id)
    approve = application_texts.CONFIRM if card.step == "admin" else application_texts.APPROVE
    buttons = [
        button(approve, APPROVE_ACTION, value, "primary"),
        button(application_texts.DECLINE, DECLINE_ACTION, value),
    ]
    blocks.append({"type": "actions", "block_id": f"approval-{card.approval_id}", "elements": buttons})
    blocks.append(context(application_texts.request_cause(card.applicant)))
    return {"text": application_texts.request_fallback(card.applicant), "blocks": blocks}


def decided_message(text: str, reason: str | None = None) -> dict[str, Any]:
    """A request DM once decided: no buttons left, the decision and (when declined) the reason."""
    return message(text, quote=reason or None)


# The roster -----------------------------------------------------------------------------------------------------------
def _names(department: str, role: str) -> tuple[str, str]:
    return cut(department, 300)[0], cut(role, 300)[0]


def _cpd(attended: int, target: int) -> str:
    return f"{attended}/{target}"


def roster_lines(roster: Roster) -> list[tuple[str, bool]]:
    """Every line of the roster, each marked True when it names a person (those are counted when cut)."""
    lines: list[tuple[str, bool]] = []
    if roster.active:
        lines.append((texts.roster_group(texts.ROSTER_ACTIVE, len(roster.active)), False))
        for entry in roster.active:
            department, role = _names(entry.department, entry.role)
            induction = texts.induction(entry.inducted_on, entry.induction_due, roster.today)
            cpd = _cpd(entry.attended, roster.target)
            met = meeting_texts.tally(entry.meetings.met, entry.meetings.months)
            lines.append((texts.active_line(entry.user, department, role, entry.joined, induction, cpd, met), True))
    if roster.applying:
        lines.append((texts.roster_group(texts.ROSTER_APPLYING, len(roster.applying)), False))
        for applicant in roster.applying:
            department, role = _names(applicant.department, applicant.role)
            lines.append(
                (texts.applicant_line(applicant.user, department, role, applicant.applied, applicant.stage), True)
            )
    if roster.left:
        lines.append((texts.roster_group(texts.ROSTER_LEFT, len(roster.left)), False))
        for former in roster.left:
            department, role = _names(former.department, former.role)
            lines.append((texts.left_line(former.user, department, role, former.joined, former.left_on), True))
    return lines


def roster_blocks(roster: Roster) -> list[Block]:
    """The roster within one message's limits: sections of at most 3,000 characters, 50 blocks in all."""
    blocks: list[Block] = [{"type": "header", "text": plain(texts.ROSTER_TITLE)}]
    lines = roster_lines(roster)
    if not lines:
        return [*blocks, section(texts.ROSTER_EMPTY)]
    room = MAX_MESSAGE_BLOCKS - len(blocks) - 1  # one kept for "and N more"
    shown: list[str] = []
    for index, (line, _) in enumerate(lines):
        if len(packed([*shown, line])) > room:
            hidden = sum(1 for _, is_person in lines[index:] if is_person)
            return [*blocks, *map(section, packed(shown)), context(texts.roster_more(hidden))]
        shown.append(line)
    return [*blocks, *map(section, packed(shown))]


def roster_fallback(roster: Roster) -> str:
    return texts.roster_fallback(len(roster.active), len(roster.applying), len(roster.left))


# Coverage and headcounts ----------------------------------------------------------------------------------------------
def coverage_blocks(rows: Sequence[CoverageRow]) -> list[Block]:
    blocks: list[Block] = [{"type": "header", "text": plain(texts.COVERAGE_TITLE)}]
    if not rows:
        return [*blocks, section(texts.COVERAGE_EMPTY)]
    blocks.append(context(texts.COVERAGE_INTRO))
    lines = [texts.coverage_line(cut(row.name, 300)[0], row.ambassadors, row.headcount) for row in rows]
    return [*blocks, *map(section, packed(lines))][:MAX_MESSAGE_BLOCKS]


def headcount_blocks(rows: Sequence[tuple[str, int]]) -> list[Block]:
    if not rows:
        return [section(texts.HEADCOUNT_NONE)]
    lines = [texts.HEADCOUNT_TITLE, *(texts.headcount_line(cut(name, 300)[0], number) for name, number in rows)]
    return [section(part) for part in packed(lines)][:MAX_MESSAGE_BLOCKS]


# Monthly meetings -----------------------------------------------------------------------------------------------------
def monthly_manager_messages(
    ambassadors: Sequence[tuple[str, str, int, Tally]], target: int, month: str
) -> list[dict[str, Any]]:
    """The standards manager's reminder, with buttons to record each meeting (see ambassador_meetings.py)."""
    return meetings.manager_messages(ambassadors, target, month)


def monthly_ambassador_message(manager: str, attended: int, target: int) -> dict[str, Any]:
    text = texts.monthly_ambassador(manager, attended, target)
    return {"text": text, "blocks": [section(text), context(texts.MONTHLY_CAUSE)]}


# Home tab -------------------------------------------------------------------------------------------------------------
def home_section(text: str, *, apply_button: bool) -> list[Block]:
    blocks: list[Block] = [{"type": "header", "text": plain(texts.HOME_TITLE)}, section(text)]
    if apply_button:
        apply = button(texts.HOME_APPLY_BUTTON, APPLY_ACTION, "home", "primary")
        blocks.append({"type": "actions", "elements": [apply]})
    return blocks
