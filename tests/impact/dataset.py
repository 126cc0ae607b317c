"""A small fixed dataset whose figures for October 2026 were worked out by hand (see test_measures.py).

Rows are written directly: the measures only read, and each value here is one a feature's service writes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from storage.models.ambassadors import Ambassador, DepartmentHeadcount
from storage.models.concerns import ConcernAudit, ConcernCase, ConcernCount
from storage.models.cpd import CpdEvent, CpdFeedback, CpdRsvp
from storage.models.dilemmas import DilemmaPost
from storage.models.impact import CardMonthTally, ChannelDepartment, CpdConfidence
from tests.support.harness import TEAM_ID

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
CHANNEL_1, CHANNEL_2 = "CRESPONSE1", "CCIDTEAM01"
COFFEE = "otp-a-word-over-coffee"  # the panel chose D; Standards 7 and 6; respect and empathy
BEST_MAN = "otp-best-man-decision"  # the panel chose C; Standards 1 and 6; public service


def at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def seed(session: Session) -> None:
    _dilemmas(session)
    _concerns(session)
    _people(session)
    session.add_all([
        CardMonthTally(team_id=TEAM_ID, month="2026-10", suit="hearts", draws=12, shares=3, hands=2),
        CardMonthTally(team_id=TEAM_ID, month="2026-10", suit="spades", draws=4, shares=1, hands=2),
        CardMonthTally(team_id=TEAM_ID, month="2026-09", suit="clubs", draws=30, shares=0, hands=0),
    ])  # fmt: skip


def _post(channel: str, dilemma: str, opened: datetime, **closed: object) -> DilemmaPost:
    post = DilemmaPost(
        team_id=TEAM_ID, channel_id=channel, dilemma_id=dilemma, caused_by="schedule", opened_at=opened,
        closes_at=opened + timedelta(days=5), status="open",
    )  # fmt: skip
    if closed:
        post.status, post.closed_at = "closed", opened + timedelta(days=5)
        for name, value in closed.items():
            setattr(post, name, value)
    return post


def _dilemmas(session: Session) -> None:
    session.add_all([
        _post(CHANNEL_1, COFFEE, at(10, 5), member_count=20, voters=10, comments=3, tally={"D": 7, "A": 2, "C": 1}),
        _post(CHANNEL_2, BEST_MAN, at(10, 6), member_count=10, voters=6, comments=2, tally={"C": 2, "B": 4}),
        _post(CHANNEL_1, BEST_MAN, at(10, 26)),
        _post(CHANNEL_1, COFFEE, at(9, 7), member_count=20, voters=4, comments=0, tally={"D": 4}),
        ChannelDepartment(team_id=TEAM_ID, channel_id=CHANNEL_1, department="Response", set_by="U1", updated_at=NOW),
        ChannelDepartment(team_id=TEAM_ID, channel_id=CHANNEL_2, department="CID", set_by="U1", updated_at=NOW),
    ])  # fmt: skip


def _case(number: int, category: str, contact: str, day: int, ack_days: int | None, **extra: object) -> ConcernCase:
    received = at(10, day)
    return ConcernCase(
        team_id=TEAM_ID, reference=f"SC-2026-{number:04d}", lookup=f"L{number:05d}", receipt_hash="x",
        category=category, contact=contact, received_at=received, status=extra.pop("status", "acknowledged"),
        acknowledged_at=received + timedelta(days=ack_days) if ack_days is not None else None, **extra,
    )  # fmt: skip


def _concerns(session: Session) -> None:
    cases = [
        _case(1, "bullying", "relay", 1, 1, feedback_at=at(10, 20)),
        _case(2, "bullying", "silent", 2, 2, feedback_at=at(10, 30), status="closed", closed_at=at(10, 30),
              outcome="advice-given"),
        _case(3, "bullying", "named", 3, 3),
        _case(4, "bullying", "relay", 5, 8),
        _case(5, "bullying", "relay", 6, 5),
        _case(6, "corruption", "silent", 7, None, status="received"),
        _case(7, "corruption", "relay", 8, 1),
        _case(8, "other", "relay", 9, 1),
    ]  # fmt: skip
    session.add_all(cases)
    session.flush()
    first, fourth = cases[0], cases[3]

    def audit(case: ConcernCase, action: str, when: datetime) -> ConcernAudit:
        return ConcernAudit(team_id=TEAM_ID, case_id=case.id, reference=case.reference, action=action, at=when)

    session.add_all([
        audit(first, "replied", at(10, 3)), audit(first, "status-checked", at(10, 4)),
        audit(fourth, "status-checked", at(10, 6)), audit(fourth, "replied", at(10, 14)),
    ])  # fmt: skip
    # As the concern service counts them on arrival: the 8 cases above and 1 of corruption since purged.
    session.add_all(
        ConcernCount(team_id=TEAM_ID, month="2026-10", category=category, count=count)
        for category, count in (("bullying", 5), ("corruption", 3), ("other", 1))
    )


def _ambassador(user: str, department: str, joined: date, **extra: object) -> Ambassador:
    return Ambassador(
        team_id=TEAM_ID, user_id=user, department=department, role="PC", standards_manager_id="UMANAGER",
        joined_on=joined, induction_due_on=joined + timedelta(days=28), **extra,
    )  # fmt: skip


def _people(session: Session) -> None:
    session.add_all([
        DepartmentHeadcount(team_id=TEAM_ID, key="response", name="Response", headcount=200, updated_by="U1"),
        DepartmentHeadcount(team_id=TEAM_ID, key="cid", name="CID", headcount=100, updated_by="U1"),
        DepartmentHeadcount(team_id=TEAM_ID, key="custody", name="Custody", headcount=50, updated_by="U1"),
    ])  # fmt: skip
    early = date(2026, 1, 10)
    people = [_ambassador(f"UR{n}", "Response", early, inducted_on=date(2026, 1, 20)) for n in range(1, 7)]
    people += [_ambassador(f"UC{n}", "CID", early, inducted_on=date(2026, 1, 20)) for n in range(1, 4)]
    people += [
        _ambassador("UC4", "cid", date(2026, 10, 1), inducted_on=date(2026, 10, 20)),
        _ambassador("UC5", "CID", date(2026, 9, 20), inducted_on=date(2026, 10, 25)),
        _ambassador("UK1", "Custody", early), _ambassador("UK2", "Custody", early),
        _ambassador("UR9", "Response", early, status="left", left_on=date(2026, 9, 15)),
    ]  # fmt: skip
    session.add_all(people)
    first, second, dropped, old = (
        CpdEvent(team_id=TEAM_ID, title=title, topic="vetting", starts_at=start, duration_minutes=60, place="Room 1",
                 created_by="UADMIN0001", status=status)
        for title, start, status in (
            ("Vetting", at(10, 10), "scheduled"), ("Complaints", at(10, 20), "scheduled"),
            ("Cancelled", at(10, 15), "cancelled"), ("September", at(9, 10), "scheduled"),
        )
    )  # fmt: skip
    session.add_all([first, second, dropped, old])
    session.flush()

    def rsvp(event: CpdEvent, user: str, answer: str, attended: bool) -> CpdRsvp:
        return CpdRsvp(team_id=TEAM_ID, event_id=event.id, user_id=user, answer=answer, attended=attended)

    def confidence(event: CpdEvent, stage: str, score: int, number: int) -> CpdConfidence:
        pseudonym = f"p{number}" if stage == "before" else None
        return CpdConfidence(team_id=TEAM_ID, event_id=event.id, stage=stage, pseudonym=pseudonym, score=score)

    session.add_all([rsvp(first, f"UR{n}", "going", n != 6) for n in range(1, 7)])
    session.add_all(confidence(first, "before", score, n) for n, score in enumerate([2, 3, 3, 4, 2, 3]))
    session.add_all([
        rsvp(first, "UC1", "maybe", True), rsvp(first, "UC2", "cant", False),
        rsvp(second, "UR1", "going", True), rsvp(second, "UR2", "going", True), rsvp(second, "UC1", "going", True),
        rsvp(second, "UC2", "going", False), rsvp(second, "UC3", "going", False), rsvp(second, "UC4", "waiting", False),
        rsvp(dropped, "UR3", "going", True), rsvp(old, "UR3", "going", True),
    ])  # fmt: skip
    session.add_all(CpdFeedback(team_id=TEAM_ID, event_id=first.id, rating=r) for r in (4, 5, 5, 3, 4))
    session.add_all(confidence(first, "after", score, n) for n, score in enumerate([4, 4, 5, 4, 3]))
    session.add(CpdFeedback(team_id=TEAM_ID, event_id=second.id, rating=5))
