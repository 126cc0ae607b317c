"""CPU time used by each group of processes on this machine (Linux: read from /proc), to say where a burst's
time went: the load generator, the server, the simulator and the database all share the same cores."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PROC = Path("/proc")
# A process belongs to the first group whose word is in its command line.
GROUPS = (("server", "bench.serve"), ("simulator", "bench.sim_process"), ("database", "postgres"))


def _seconds(pid: str, tick: int) -> tuple[str, float] | None:
    try:
        command = (PROC / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        stat = (PROC / pid / "stat").read_text()
    except OSError:  # the process ended while it was being read
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    used = (int(fields[11]) + int(fields[12])) / tick  # utime and stime, in clock ticks
    if int(pid) == os.getpid():
        return "load", used
    for group, word in GROUPS:
        if word in command:
            return group, used
    return None


def by_group() -> dict[str, float]:
    """Seconds of CPU used so far by the processes of each group now running (empty where /proc is not)."""
    if not PROC.is_dir():
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    totals: dict[str, float] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (found := _seconds(entry.name, tick)) is not None:
            totals[found[0]] = totals.get(found[0], 0.0) + found[1]
    return totals


def per_request(before: Mapping[str, float], after: Mapping[str, float], requests: int) -> dict[str, float]:
    """Milliseconds of CPU per request in each group between two readings."""
    return {group: (after[group] - before.get(group, 0.0)) * 1000 / requests for group in after}
