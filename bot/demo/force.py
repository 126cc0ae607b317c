"""The demo force's shape: its people, departments, team channels and how keen each channel is."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

STAFF = 3000
CHANNELS = 40
AMBASSADORS = 160
# Departments and their headcounts (they add up to the force's 3,000) and how many team channels each has.
DEPARTMENTS: dict[str, tuple[int, int]] = {
    "Response": (900, 12),
    "Neighbourhood Policing": (450, 6),
    "CID": (400, 5),
    "Public Protection": (300, 4),
    "Contact Centre": (350, 5),
    "Custody": (200, 3),
    "Roads Policing": (150, 2),
    "Support Services": (250, 3),
}


@dataclass
class Force:
    team_id: str
    rng: random.Random
    channels: list[str] = field(default_factory=list)
    channel_department: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    keenness: dict[str, float] = field(default_factory=dict)  # the share of members who usually vote

    def __post_init__(self) -> None:
        people = [f"UDEMO{number:04d}" for number in range(1, STAFF + 1)]
        index = 0
        for department, (headcount, channels) in DEPARTMENTS.items():
            staff = people[index : index + headcount]
            index += headcount
            for number in range(channels):
                channel = f"CDEMO{len(self.channels) + 1:04d}"
                self.channels.append(channel)
                self.channel_department[channel] = department
                self.members[channel] = staff[number::channels]
                self.keenness[channel] = self.rng.uniform(0.12, 0.45)

    def department_of(self, user: str) -> str:
        return next(self.channel_department[c] for c, members in self.members.items() if user in members)
