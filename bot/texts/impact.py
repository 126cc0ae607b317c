"""Words for the impact report: its titles, row names, how a hidden figure reads, and the suppression rule."""

from __future__ import annotations

from datetime import date, timedelta

from bot.services.impact.figures import Value

# Re-exported: the report names the rows of its contact and outcome tables with these.
from bot.texts.concerns import CONTACT_LABELS as CONTACT_LABELS
from bot.texts.outcomes import OUTCOME_NAMES as OUTCOME_NAMES

FEWER_THAN_5 = "fewer than 5"
WITHHELD = "withheld"
NO_DATA = "–"
NO_CHANGE = "no change"
RULE = (
    "Any figure from fewer than 5 people is shown as \u201cfewer than 5\u201d; percentages and averages are shown "
    "only when they rest on 5 people or more, and where a hidden figure could be worked out from a total, "
    "another figure beside it is withheld too."
)

FAMILY_DILEMMAS = "Weekly dilemmas"
FAMILY_CARDS = "Ethics cards"
FAMILY_CONCERNS = "Confidential concerns"
FAMILY_PEOPLE = "Ambassadors and CPD"

TOTAL = "Total"
POSTS = "Dilemmas posted"
RESPONSES = "Responses"
PARTICIPATION = "Participation (responses per 100 channel members)"
COMMENTS = "Anonymous comments"
AGREEMENT = "Agreement with the panel's view"
AGREEMENT_COLUMN = "agreed with the panel"
BRIEFINGS = "Staff briefings with a show of hands"
BRIEFING_PRESENT = "People at those briefings"
BRIEFING_AGREEMENT = "Hands raised for the panel's view in briefings"
BY_STANDARD = "Agreement with the panel by Standard of Professional Behaviour"
BY_PRINCIPLE = "Agreement with the panel by Code of Ethics principle"
BY_TOPIC = "Agreement with the panel by topic"
BY_CHANNEL = "Dilemmas by channel"
BY_DEPARTMENT = "Dilemmas by department"
CARD_DRAWS = "Card draws"
CARD_SHARES = "Cards shared to a channel"
CARD_HANDS = "Hands dealt"
CARDS_BY_SUIT = "Card draws by suit"
CARDS_BY_MONTH = "Card draws by month"
RECEIVED = "Concerns received"
BY_CATEGORY = "Concerns by category"
BY_CONTACT = "Concerns by how the reporter may be contacted"
BY_MONTH = "Concerns by month"
BY_OUTCOME = "Closed concerns by outcome"
ACK_MEDIAN = "Days to acknowledgement (median)"
ACK_ON_TIME = "Acknowledged within 7 days"
FEEDBACK_MEDIAN = "Days to feedback (median)"
FEEDBACK_ON_TIME = "Feedback within 3 months"
CAME_BACK = "Reporters who came back to read a reply"
AMBASSADORS = "Ambassadors on the roster"
COVERAGE = "Ambassadors per 100 staff"
INDUCTED = "Inducted within 28 days"
EVENTS = "CPD events held"
ANSWERS = "Answers to CPD events"
ATTENDANCE = "Attendance of those who answered Going"
WALK_INS = "Came without answering Going"
CPD_DISTRIBUTION = "Ambassadors by CPD events attended in the period (target: 6 a year)"
RATING = "Average rating of CPD events (out of 5)"
CONFIDENCE_BEFORE = "Confidence on the topic before (out of 5)"
CONFIDENCE_AFTER = "Confidence on the topic after (out of 5)"
ANSWER_NAMES = {"going": "Going", "waiting": "Waiting for a place", "maybe": "Maybe", "cant": "Can't go"}
UNKNOWN_DEPARTMENT = "No department given"

CHART_PARTICIPATION = "Dilemma responses by month"
CHART_AGREEMENT = "Agreement with the panel's view, by Standard"
CHART_CONCERNS = "Concerns received by month"
CHART_CPD = "Ambassadors by CPD events attended"
CHART_HIDDEN = "<5"
CHART_EMPTY = "Nothing to show for this period"


def show(value: Value) -> str:
    if value.status == "small":
        return FEWER_THAN_5
    if value.status == "withheld":
        return WITHHELD
    if value.number is None:
        return NO_DATA
    if value.unit == "percent":
        return f"{value.number:.0f}%"
    if value.unit in {"mean", "rate", "days"}:
        return f"{value.number:.1f}"
    return f"{value.number:,.0f}"


def change(current: Value, previous: Value) -> str:
    """How a figure moved since the period before, in words a board paper can quote."""
    if current.number is None or previous.number is None:
        return ""
    difference = current.number - previous.number
    if current.unit == "percent":
        points = round(difference)
        return NO_CHANGE if points == 0 else f"{points:+d} point{'s' if abs(points) != 1 else ''}"
    if current.unit in {"mean", "rate", "days"}:
        return NO_CHANGE if round(difference, 1) == 0 else f"{difference:+.1f}"
    if round(difference) == 0:
        return NO_CHANGE
    if previous.number == 0:
        return f"{difference:+,.0f}"
    return f"{difference:+,.0f} ({100 * difference / previous.number:+.0f}%)"


def period_label(start: date, end: date) -> str:
    last = end - timedelta(days=1)
    if start.day == 1 and end.day == 1 and (end.year * 12 + end.month) - (start.year * 12 + start.month) == 1:
        return start.strftime("%B %Y")
    if start.day == 1 and end.day == 1:
        return f"{start.strftime('%B %Y')} to {last.strftime('%B %Y')}"
    return f"{start.day} {start.strftime('%b %Y')} to {last.day} {last.strftime('%b %Y')}"


GLANCE_TITLE = "This month at a glance"
FULL_REPORT_BUTTON = "Full report with charts"
EXPORT_BUTTON = "Export CSV and XLSX"
RULE_SHORT = "Figures from fewer than 5 people show as \u201cfewer than 5\u201d."
CHARTS_AND_EXPORT = (
    "Charts are on their way to you in a direct message. `/standards export` sends these figures as CSV and XLSX."
)
CHARTS_COMMENT = "Standards Bot: charts of the impact report for {period} (no names or user IDs)."
EXPORT_COMMENT = "Standards Bot: the impact report's figures for {period}, as CSV and XLSX (no names or user IDs)."
EXPORT_SENT = "The figures for {period} are on their way to you in a direct message, as CSV and XLSX files."
REPORT_SENT = "The report for {period} is on its way to you in a direct message, with its charts."
PERIOD_HELP = (
    "I could not read that period. Use `/standards report` for last month, `/standards report 2026-10` for a month, "
    "`/standards report 2026-07 2026-09` for several, or `/standards report 2026-10-01 2026-10-15` for days "
    "(both included). The same goes for `/standards export`."
)


def report_title(period: str) -> str:
    return f"Impact report: {period}"


def compared_with(previous: str) -> str:
    return f"Compared with {previous}."


def glance_period(period: str, previous: str) -> str:
    return f"{period}, compared with {previous}."


def more_rows(count: int) -> str:
    return f"_…and {count} more in the export._"


PDF_TITLE = "Professional standards: impact summary"
PDF_FIGURE = "Figure"
PDF_CHANGE = "Change"
PDF_THIS_PERIOD = "This period"
PDF_PERIOD_BEFORE = "Period before"
PDF_CHARTS_TITLE = "Trends and breakdowns: {period}"


def pdf_subtitle(period: str, previous: str, made_on: date) -> str:
    return (
        f"This period: {period}. Period before: {previous}. Prepared by Standards Bot on {made_on.day} {made_on:%B %Y}."
    )


DEPARTMENT_HELP = (
    "Give a team channel its department, so its dilemma figures count there: "
    "`/standards department #channel Response`. `/standards department #channel` alone takes it away, and "
    "`/standards department` lists them. Use the departments you gave headcounts for with `/ambassador headcount`."
)
NO_DEPARTMENTS = "No channel has a department yet. " + DEPARTMENT_HELP


def department_set(channel: str, name: str) -> str:
    if not name:
        return f"<#{channel}> no longer has a department."
    return f"<#{channel}>'s dilemma figures now count for *{_escape(name)}* in the report."


def departments_list(given: dict[str, str]) -> str:
    if not given:
        return NO_DEPARTMENTS
    lines = [f"\u2022 <#{channel}>: {_escape(name)}" for channel, name in sorted(given.items(), key=lambda i: i[1])]
    return "*Channels and their departments*\n" + "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
