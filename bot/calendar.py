"""Calendar files (.ics) for CPD events: one stable UID per event, so a change or a cancellation replaces it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vCalAddress

PRODUCT_ID = "-//Standards Bot//CPD events//EN"
# RFC 5546 wants an organiser on a published or cancelled event; the bot has no mailbox, so a reserved domain.
ORGANIZER = "mailto:cpd@standards-bot.invalid"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    starts_at: datetime
    minutes: int
    place: str
    description: str
    sequence: int  # grows with each change, so calendars take the newest copy
    cancelled: bool = False


def ics(event: CalendarEvent, *, stamp: datetime) -> str:
    """The event as an iCalendar file's text (RFC 5545)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if event.cancelled else "PUBLISH")
    entry = Event()
    entry.add("uid", event.uid)
    organizer = vCalAddress(ORGANIZER)
    organizer.params["cn"] = "Standards Bot"
    entry.add("organizer", organizer)
    entry.add("dtstamp", stamp)
    starts = event.starts_at.astimezone(UTC)  # in UTC, so the file needs no time zone definitions
    entry.add("dtstart", starts)
    entry.add("dtend", starts + timedelta(minutes=event.minutes))
    entry.add("summary", event.title)
    entry.add("location", event.place)
    if event.description:
        entry.add("description", event.description)
    if event.place.startswith(("https://", "http://")):
        entry.add("url", event.place)
    entry.add("sequence", event.sequence)
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    calendar.add_component(entry)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")


def file_name(event_id: int) -> str:
    return f"cpd-event-{event_id}.ics"
