"""`/dilemma brief [id]`: the briefing pack privately and as a PDF, then the show of hands form and its record."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot import outbox
from bot.acknowledge import arrived_at
from bot.blocks import dilemma_briefings as blocks
from bot.briefing_pdf import pack_pdf
from bot.deps import Deps
from bot.middleware import deps_of
from bot.services.dilemmas import briefings as service
from bot.texts import dilemma_briefings as texts
from bot.texts import dilemmas as dilemma_texts
from dilemmas.models import Dilemma
from handlers.common import later, open_view, private, submitted, submitted_value


def brief(deps: Deps, respond: Respond, *, team_id: str, here: str, user_id: str, args: list[str]) -> None:
    with deps.db.unit_of_work() as session:
        allowed = service.may_brief(session, deps, team_id, user_id)
        pack = (
            service.pack_for(session, deps, team_id=team_id, channel_id=here, dilemma_id=args[0] if args else None)
            if allowed
            else None
        )
    if pack is None:
        private(respond, texts.REFUSED)
    elif pack.status == "unknown":
        private(respond, dilemma_texts.unknown_dilemma(args[0]))
    elif pack.dilemma is None:
        private(respond, texts.NONE_POSTED)
    else:
        header = texts.pack_title(dilemma_texts.header(pack.dilemma.format, pack.dilemma.title))
        private(respond, header, blocks.pack_blocks(pack.dilemma, pack.post_id, posted=pack.post_id is not None))
        later(respond, _send_pdf, deps, team_id, user_id, pack.dilemma)


def _send_pdf(deps: Deps, team_id: str, user_id: str, dilemma: Dilemma) -> None:
    """Drawn after the acknowledgement and outside any transaction (it takes a second or two), then sent to the
    person by direct message through the outbox."""
    data = pack_pdf(dilemma)
    title = dilemma_texts.header(dilemma.format, dilemma.title)
    upload = outbox.file_upload(texts.pdf_filename(dilemma.id), texts.pack_title(title), data)
    with deps.db.unit_of_work() as session:
        message = outbox.enqueue_dm_upload(
            session, team_id=team_id, user_id=user_id, purpose="dilemma briefing pack",
            comment=texts.PDF_COMMENT.format(title=title), files=[upload],
        )  # fmt: skip
        message_id = message.id
    outbox.deliver_due(deps, only=[message_id])


def on_hands_button(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps = deps_of(context)
    reference = str(action.get("value", ""))
    dilemma_id, _ = blocks.read_reference(reference)
    with deps.db.unit_of_work() as session:
        allowed = service.may_brief(session, deps, context.team_id or "", body["user"]["id"])
    dilemma = deps.content.dilemmas.get(dilemma_id)
    if not allowed:
        private(respond, texts.REFUSED)
    elif dilemma is None:
        private(respond, texts.HANDS_GONE)
    else:
        open_view(client, body["trigger_id"], blocks.hands_modal(dilemma, reference), respond)


def on_hands_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    team_id, user_id = context.team_id or "", body["user"]["id"]
    dilemma_id, post_id = blocks.read_reference(str(view.get("private_metadata", "")))
    dilemma = deps.content.dilemmas.get(dilemma_id)
    first = next(iter(submitted(view)), blocks.hands_block(service.PRESENT))
    if dilemma is None:
        ack(response_action="errors", errors={first: texts.HANDS_GONE})
        return
    keys = [*(option.key for option in dilemma.options), service.PRESENT]
    hands, problems = service.read_hands(dilemma, {key: submitted_value(view, blocks.hands_block(key)) for key in keys})
    if hands is None:
        words = {"empty": texts.HANDS_EMPTY, "not_whole": texts.HANDS_NOT_WHOLE, "too_big": texts.HANDS_TOO_BIG,
                 "over_present": texts.HANDS_OVER_PRESENT}  # fmt: skip
        ack(response_action="errors", errors={blocks.hands_block(k): words[p] for k, p in problems.items()})
        return
    # The checks and the record answer inside the form, so they come before the acknowledgement.
    with deps.db.unit_of_work() as session:
        if not service.may_brief(session, deps, team_id, user_id):
            recorded = None
        else:
            recorded = service.record_hands(
                session, deps, team_id=team_id, dilemma_id=dilemma.id, post_id=post_id, hands=hands,
                now=arrived_at(context),
            )  # fmt: skip
    if recorded is None or recorded.status != "recorded":
        ack(response_action="errors", errors={first: texts.REFUSED if recorded is None else texts.HANDS_GONE})
        return
    ack(response_action="update", view=blocks.recorded_view(sum(hands.counts.values()), hands.present))
    outbox.deliver_soon(deps, list(recorded.sent))
