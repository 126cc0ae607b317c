"""The pretend workspace: who is in it, which channels it has, and who may see what."""

from __future__ import annotations

from dataclasses import dataclass

from bot.sandbox.simulator.server import SlackSimulator

TEAM_ID = "T0SANDBOX"


@dataclass(frozen=True)
class Person:
    id: str
    name: str  # the Slack handle the bot sees
    display: str  # the name the page shows
    role: str  # one line saying why this person is here


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    purpose: str
    members: tuple[str, ...]
    is_private: bool = False


ADMIN = Person("USBXADMIN1", "alex.morgan", "Alex Morgan", "Standards team admin")
HANDLER = Person("USBXCASE01", "sam.okafor", "Sam Okafor", "Case handler (in the private case channel)")
MANAGER = Person("USBXSTDMGR", "di.priya.shah", "DI Priya Shah", "Standards manager")
JORDAN = Person("USBXSTAFF1", "pc.jordan.lee", "PC Jordan Lee", "Response officer")
CHRIS = Person("USBXSTAFF2", "ps.chris.evans", "PS Chris Evans", "Custody sergeant")
ROBIN = Person("USBXSTAFF3", "robin.hughes", "Robin Hughes", "Intelligence analyst")
TAYLOR = Person("USBXNEW001", "pcso.taylor.reid", "PCSO Taylor Reid", "New joiner, first week")

PEOPLE: tuple[Person, ...] = (ADMIN, HANDLER, MANAGER, JORDAN, CHRIS, ROBIN, TAYLOR)
STAFF = (JORDAN, CHRIS, ROBIN)

RESPONSE = Room(
    "CSBXRESP01", "response-north", "Response team, north sector",
    (ADMIN.id, MANAGER.id, JORDAN.id, CHRIS.id, ROBIN.id, TAYLOR.id),
)  # fmt: skip
CUSTODY = Room("CSBXCUST01", "custody-suite", "Custody suite team", (ADMIN.id, CHRIS.id, ROBIN.id, JORDAN.id))
NEIGHBOURHOOD = Room("CSBXHOOD01", "neighbourhood-east", "Neighbourhood policing, east", (ADMIN.id, ROBIN.id))
AMBASSADORS = Room(
    "CSBXAMBS01", "standards-ambassadors", "Where CPD events are announced",
    (ADMIN.id, MANAGER.id, JORDAN.id, CHRIS.id, ROBIN.id),
)  # fmt: skip
CASES = Room("GSBXCASES1", "psd-cases", "Private: the case team", (ADMIN.id, HANDLER.id), is_private=True)

ROOMS: tuple[Room, ...] = (RESPONSE, CUSTODY, NEIGHBOURHOOD, AMBASSADORS, CASES)


def person(user_id: str) -> Person | None:
    return next((p for p in PEOPLE if p.id == user_id), None)


def populate(sim: SlackSimulator) -> None:
    """Add the people and channels to a fresh simulator."""
    for someone in PEOPLE:
        sim.add_user(someone.id, someone.name, is_admin=someone is ADMIN)
    for room in ROOMS:
        sim.add_channel(room.id, room.name, members=list(room.members), is_private=room.is_private)
