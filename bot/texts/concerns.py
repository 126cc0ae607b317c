"""Words for /concern: the form, the receipt, the case channel, the reporter's messages and the Home tab."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services.concerns.cases import FormProblem

HELP = (
    "*`/concern`* lets you raise a concern confidentially with the standards team.\n"
    "• `/concern` opens a private form\n"
    "• `/concern status <receipt code>` shows the status and any replies\n"
    "• `/concern help` this help\n"
    "It is not for emergencies: if someone is in danger now, call 999."
)

# The form -------------------------------------------------------------------------------------------------------------
FORM_TITLE = "Raise a concern"
FORM_SUBMIT = "Send privately"
FORM_CLOSE = "Cancel"
FORM_INTRO = (
    "What you write here goes to the case team, in their private Slack channel. You choose whether they can "
    "reply to you, and whether they know who you are. See *How private is this?* in the bot's Home tab for "
    "exactly what the bot and Slack keep."
)
FORM_WARNINGS = (
    "*Before you write:*\n"
    "• This is not for emergencies. If someone is in danger now, call 999.\n"
    "• Details such as a date, a place or who was there may show who you are, even if you stay anonymous.\n"
    "• The professional standards department may have to act on what you tell it, or refer it on (to the "
    "IOPC, for example), even if you would rather it did not."
)
CATEGORY_LABEL = "What is it about?"
WHAT_HAPPENED_LABEL = "What happened?"
WHAT_HAPPENED_HINT = "Who, what, where and when, as far as you are comfortable saying. Up to 3,000 characters."
WHAT_WOULD_HELP_LABEL = "What would help? (optional)"
WHAT_WOULD_HELP_HINT = "For example: advice, someone to look into it, or just for the team to know."
CONTACT_LABEL = "How can the case team contact you?"
CONTACT_RELAY = "Without your name, with replies through the bot"
CONTACT_SILENT = "Anonymous, no replies"
CONTACT_NAMED = "Share my name with the case team"
CONTACT_LABELS = {"relay": CONTACT_RELAY, "silent": CONTACT_SILENT, "named": CONTACT_NAMED}
# The form's choices: without your name, the DM either only says there is news (the default) or carries the reply.
CHOICE_NEWS = "Without your name: tell me there is news (nothing else in the DM)"
CHOICE_NEWS_HINT = "The bot keeps your Slack ID to tell you; read replies with your code."
CHOICE_REPLY_DM = "Without your name: send me the reply in a DM"
CHOICE_REPLY_DM_HINT = "Slack keeps DMs, and a workspace export can tie them to this case."
CHOICE_SILENT_HINT = "The bot keeps no Slack ID; read any replies with your receipt code."
CHOICE_NAMED_HINT = "The case team sees who you are and can talk to you directly."
CHOICES = {
    "relay": (CHOICE_NEWS, CHOICE_NEWS_HINT),
    "relay-dm": (CHOICE_REPLY_DM, CHOICE_REPLY_DM_HINT),
    "silent": (CONTACT_SILENT, CHOICE_SILENT_HINT),
    "named": (CONTACT_NAMED, CHOICE_NAMED_HINT),
}
# The same choices as the case team reads them on a case.
CASE_CONTACT_LABELS = {
    "relay": "Name not shared; replies through the bot",
    "silent": "Anonymous; no replies",
    "named": "Name shared with the case team",
}

ERROR_REQUIRED = "Please say what happened, so the case team can act on it."
ERROR_TOO_LONG = "Please keep this to 3,000 characters (it is {length:,} now)."
ERROR_CHOICE = "Please choose one of the options."
ERROR_UNAVAILABLE = "Sorry, the form could not be saved just now. Your text is still here: please try again."

# The receipt (shown once) ---------------------------------------------------------------------------------------------
RECEIVED_TITLE = "Concern received"
RECEIVED_CLOSE = "Done"
RECEIVED_HEADLINE = "Thank you. Your concern has been received as *{reference}*."
RECEIPT_LABEL = "*Your receipt code* (shown only now, so copy it somewhere safe):\n```{code}```"
RECEIPT_USE = (
    "Use `/concern status {code_hint}` at any time to see the status and read replies from the case team. "
    "The bot keeps only a scrambled form of this code, so nobody can look it up for you if it is lost."
)
_NEXT = {
    "relay": (
        "They are not told who you are. When there is news, this bot sends you a private message that says only "
        "that, with no case reference and no reply: read the reply with `/concern status` and your receipt code, "
        "shown only to you."
    ),
    "relay-dm": (
        "They are not told who you are. Their replies reach you in a private message from this bot, which names "
        "the case and quotes the reply. Slack keeps those messages, and a workspace export can tie them to the case."
    ),
    "silent": "They cannot contact you, so check with your receipt code.",
    "named": "They know who you are and may contact you through the bot.",
}


def count(number: int, unit: str) -> str:
    return f"{number} {unit}" + ("" if number == 1 else "s")


def next_steps(contact: str, ack_days: int, feedback_months: int) -> str:
    return (
        f"*What happens next:* the case team aims to acknowledge your concern within {count(ack_days, 'day')} "
        f"and to give you feedback within {count(feedback_months, 'month')}. These are your force's own "
        f"commitments, not legal deadlines. {_NEXT[contact]}"
    )


WAITING_FOR_TEAM = (
    ":hourglass: The case team has not been set up in Slack yet, so nobody has seen your concern so far. "
    "It is saved safely and will reach them as soon as they are; the standards team has been told."
)
OTHER_ROUTES = "*Other ways to raise a concern:*"

# Direct messages to the bot -------------------------------------------------------------------------------------------
DM_NOTICE = (
    "Thank you for getting in touch. Messages typed here stay in Slack's history, which workspace owners may "
    "be able to export, so this message has *not* been passed on as a concern. To raise one confidentially, "
    "use the private form instead: you can delete your message above if you wish. "
    "If someone is in danger now, call 999."
)
DM_NOTICE_FALLBACK = "Messages here stay in Slack's history and are not a concern. Use /concern for the private form."
OPEN_FORM = "Open the private form"

# Reporter's status ----------------------------------------------------------------------------------------------------
NO_SUCH_CASE = (
    "There is no case with that code. Check it and try again: receipt codes look like `ABCD-EFGH-JKMN-PQRS-TVWX`."
)
STATUS_NEEDS_CODE = "Please add your receipt code: `/concern status ABCD-EFGH-JKMN-PQRS-TVWX`."
STATUS_HEADLINE = "*{reference}* ({category}) is *{status}*. Received {received}."
STATUS_OUTCOME = "*Outcome:* {outcome}"
STATUS_NO_REPLIES = "No replies from the case team yet."
STATUS_REPLY = "*Case team, {when}:* {text}"
STATUS_ANSWER = "*You, {when}:* {text}"
ANSWER_BUTTON = "Answer the case team"

STATUS_NAMES = {
    "received": "received",
    "acknowledged": "acknowledged",
    "assessing": "being assessed",
    "investigating": "being investigated",
    "closed": "closed",
}

# Messages relayed to the reporter -------------------------------------------------------------------------------------
RELAY_ACK = {
    "relay": (
        "We have received your concern *{reference}*. The case team aims to acknowledge it within {days}. "
        "Their replies will come to you here; they are not told who you are."
    ),
    "named": (
        "We have received your concern *{reference}*. The case team aims to acknowledge it within {days}. "
        "You chose to share your name, so they know it came from you."
    ),
}
# For a reporter who asked only to be told there is news: no case reference, no reply, no button.
RELAY_ACK_NEWS = (
    "We have received the concern you raised. When there is news, a message here will say only that: read it "
    "with `/concern status` and your receipt code."
)
RELAY_NEWS = (
    "There is news about the concern you raised. Read it with `/concern status` and your receipt code; it is "
    "shown only to you."
)
RELAY_NEWS_FALLBACK = "There is news about the concern you raised."
RELAY_REPLY = "*The case team replied about {reference}:*"
RELAY_STATUS = "Your concern *{reference}* is now *{status}*."
RELAY_OUTCOME = "Your concern *{reference}* is now *closed*. The outcome:"
RELAY_FALLBACK = "An update on your concern {reference}."

# The answer form ------------------------------------------------------------------------------------------------------
ANSWER_TITLE = "Answer the case team"
ANSWER_LABEL = "Your answer"
ANSWER_SENT_TITLE = "Answer sent"
ANSWER_SENT = "Your answer has been added to *{reference}*. The case team sees it as from the reporter."
CASE_GONE = "That case is no longer open to answers."

# The case channel -----------------------------------------------------------------------------------------------------
CASE_FALLBACK = "New concern {reference} ({category})"
CASE_HEADER = "New concern {reference}"
CASE_FIELDS = "*Category:* {category}\n*Contact:* {contact}\n*Status:* {status}\n*Received:* {received}"
CASE_TEXT = "*What happened:*\n{text}"
CASE_HELPS = "*What would help:*\n{text}"
CASE_NAMED = "*Raised by:* <@{user}> (they chose to share their name)"
CASE_CAUSE = (
    "Posted by Standards Bot for a concern raised with `/concern`. "
    "Your force's own targets: acknowledge by {ack}, feedback by {feedback}."
)

BUTTON_ACK = "Acknowledge"
BUTTON_REPLY = "Reply to reporter"
BUTTON_NOTE = "Internal note"
BUTTON_STATUS = "Set status"
BUTTON_AUDIT = "Show audit"

THREAD_REPLY = "*Reply to the reporter* by <@{user}>:"
THREAD_REPLY_KEPT = "_The reporter chose no replies; this is kept for them to read with their receipt code._"
THREAD_NOTE = "*Internal note* by <@{user}> (not shown to the reporter):"
THREAD_ANSWER = "*The reporter answered:*"
THREAD_STATUS = "Status set to *{status}* by <@{user}>."
THREAD_OUTCOME = "Status set to *closed* by <@{user}>. The outcome, as the reporter sees it:"
THREAD_ACK = "Acknowledged by <@{user}>."
THREAD_FALLBACK = "An update on {reference}"

REFUSED = (
    "Only members of the case channel can act on cases. Your attempt has been recorded. "
    "If you need access, ask the standards team."
)
REFUSED_UNCHECKED = (
    "Sorry, Slack could not confirm that you are in the case channel just now, so nothing was done. "
    "Please try again in a minute."
)
AUDIT_ADMINS_ONLY = "Only the standards team's admins can read the audit log."

REPLY_TITLE = "Reply to reporter"
REPLY_LABEL = "Your reply"
REPLY_HINT_RELAY = "The bot sends this to the reporter privately. It does not reveal who they are to you."
REPLY_HINT_SILENT = "The reporter chose no replies: this is kept for them to read with their receipt code."
NOTE_TITLE = "Internal note"
NOTE_LABEL = "Note for the case team"
STATUS_TITLE = "Set status"
STATUS_LABEL = "Status"
OUTCOME_LABEL = "Outcome (needed to close; the reporter sees it)"
ERROR_OUTCOME = "Please write the outcome before closing the case."
SAVE = "Save"
SEND = "Send"
CANCEL = "Cancel"

AUDIT_TITLE = "Audit log"
AUDIT_LINE = "{when} · {actor} · {action}"
AUDIT_EMPTY = "Nothing recorded yet."
AUDIT_REPORTER = "the reporter"
AUDIT_BOT = "Standards Bot"
AUDIT_ACTIONS = {
    "received": "concern received",
    "posted": "posted to the case channel",
    "acknowledged": "acknowledged",
    "replied": "replied to the reporter",
    "noted": "added an internal note",
    "status": "set the status",
    "answered": "the reporter answered",
    "status-checked": "the reporter checked the status",
    "viewed-audit": "read the audit log",
    "refused": "was refused (not in the case channel)",
    "opened-form": "opened a form on the case",
    "deadline": "deadline reminder",
    "purged": "deleted under the retention policy",
}

# Deadlines and delivery -----------------------------------------------------------------------------------------------
NUDGE_ACK = (
    ":alarm_clock: *{reference}* has not been acknowledged yet; your force's target is {due}. "
    "_(Reminder from the case deadlines schedule.)_"
)
NUDGE_FEEDBACK = (
    ":alarm_clock: *{reference}* needs feedback to the reporter by {due}, your force's target. "
    "_(Reminder from the case deadlines schedule.)_"
)
MISSED_ACK = (
    ":red_circle: *{reference}*: the {days}-day acknowledgement target ({due}) was missed. _(Case deadlines schedule.)_"
)
MISSED_FEEDBACK = (
    ":red_circle: *{reference}*: the {months}-month feedback target ({due}) was missed. _(Case deadlines schedule.)_"
)
ADMIN_WAITING = (
    ":warning: Concern *{reference}* was received, but it cannot reach a case team: {reason}. "
    "It is saved and the bot keeps trying every few minutes. Set `STANDARDS_BOT_CASE_CHANNEL` to a private "
    "channel and invite the bot there."
)
REASON_UNSET = "`STANDARDS_BOT_CASE_CHANNEL` is not set"
REASON_REFUSED = "the bot cannot post in the case channel ({error})"
REASON_PUBLIC = "the case channel is public, so anyone could read cases there"
ADMIN_CASE_CHANNEL_PUBLIC = (
    ":warning: Standards Bot will not use <#{channel}> as the case channel: it is public, so anyone in the "
    "workspace could read the cases and, by joining, act on them. Concerns are saved and wait. Make the channel "
    "private, or set `STANDARDS_BOT_CASE_CHANNEL` to a private channel and invite the bot there."
)
STATUS_TOO_MANY = (
    "You have tried {tries} receipt codes in the last {minutes} minutes. Please wait a few minutes and try again. "
    "If you have lost your code, raise the concern again or use one of the routes in the Home tab."
)

# Home tab -------------------------------------------------------------------------------------------------------------
HOME_TITLE = "Raise a concern"
HOME_INTRO = (
    "If something at work is not right, you can tell the case team through a private form, without your name "
    "if you wish, and follow up with a receipt code. It is not for emergencies: if someone is in danger, call 999."
)
HOME_BUTTON = "Raise a concern"
HOME_PRIVACY_TITLE = "How private is this?"
HOME_PRIVACY = (
    "*What the bot keeps:* your concern, replies and notes, encrypted, so they cannot be read from the database "
    "without the bot's secret key (someone who holds both can read them); a scrambled form of your receipt code; "
    "your Slack ID only if you asked for replies (encrypted, used only to send them to you) or chose to give your "
    "name. Closed cases are deleted after {days} days, leaving only a count by category and month, and then "
    "scrubbed from the database's files; copies can remain in backups and in the database server's own logs.\n"
    "*What Slack keeps:* the form itself is not kept in any chat. The case team's channel holds the case and its "
    "thread. If you asked for replies without your name, the bot's message to you says only that there is news, "
    "with no case reference and no reply: you read the reply with `/concern status` and your receipt code, shown "
    "only to you. If you chose to have the reply sent in a DM, the bot's messages to you name the case and quote "
    "the replies, and Slack keeps them. When a case is deleted, the bot deletes every message it posted for it in "
    "the case channel and its messages to you; Slack may still keep copies under the workspace's retention "
    "settings, a legal hold or an export made before. Anything you type in a message to the bot stays in your "
    "history too. Workspace owners on some plans can export messages. So use the form, not a direct message.\n"
    "*Who sees what:* only members of the private case channel see cases. They are not told who you are unless "
    "you share your name, but details in what you write may show it. Every action on a case is recorded in an "
    "audit log the standards team's admins can read. The professional standards department may have to act on "
    "what it is told, or refer it on, even against your wishes."
)


def form_problems(problems: Mapping[str, FormProblem]) -> dict[str, str]:
    """What is wrong with each input of a concern form, in words for the modal."""
    return {block_id: form_problem(problem) for block_id, problem in problems.items()}


def form_problem(problem: FormProblem) -> str:
    if problem.code == "too_long":
        return ERROR_TOO_LONG.format(length=problem.length)
    return {"required": ERROR_REQUIRED, "choice": ERROR_CHOICE, "no_outcome": ERROR_OUTCOME}[problem.code]
