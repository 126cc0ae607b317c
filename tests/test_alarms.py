"""storage.alarms: what rings, when, and what a called-off or failing alarm does to the others."""

from __future__ import annotations

import threading
import time
from functools import partial

from storage.alarms import Alarms


def test_alarms_ring_in_time_order_and_a_called_off_one_never_rings() -> None:
    alarms = Alarms("test-alarms")
    rung: list[str] = []
    done = threading.Event()
    now = time.monotonic()

    def late() -> None:
        rung.append("late")
        done.set()

    alarms.set(now + 0.3, late)
    off = alarms.set(now + 0.1, lambda: rung.append("called off"))
    alarms.set(now + 0.05, lambda: rung.append("early"))
    assert alarms.call_off(off) is True
    assert done.wait(timeout=5)
    assert rung == ["early", "late"]
    assert time.monotonic() - now >= 0.3
    assert alarms.call_off(off) is False  # already called off


def test_an_alarm_set_sooner_than_the_thread_would_look_wakes_it() -> None:
    alarms = Alarms("test-alarms")
    rang = threading.Event()
    alarms.set(time.monotonic() + 60, lambda: None)  # the thread now sleeps for a minute
    time.sleep(0.05)
    alarms.set(time.monotonic() + 0.05, rang.set)
    assert rang.wait(timeout=2)


def test_an_alarm_that_fails_does_not_stop_the_others() -> None:
    alarms = Alarms("test-alarms")
    rang = threading.Event()

    def fails() -> None:
        raise RuntimeError("this alarm fails")

    alarms.set(time.monotonic() + 0.02, fails)
    alarms.set(time.monotonic() + 0.05, rang.set)
    assert rang.wait(timeout=2)


def test_an_alarm_that_has_rung_can_no_longer_be_called_off() -> None:
    alarms = Alarms("test-alarms")
    rang = threading.Event()
    token = alarms.set(time.monotonic() + 0.02, rang.set)
    assert rang.wait(timeout=2)
    assert alarms.call_off(token) is False


def test_alarms_due_together_ring_in_the_order_they_fall_due() -> None:
    alarms = Alarms("test-alarms")
    rung: list[int] = []
    done = threading.Event()
    due = time.monotonic() + 0.2
    for n in (3, 1, 2):
        alarms.set(due + n / 1000, partial(rung.append, n))
    alarms.set(due + 0.005, done.set)
    assert done.wait(timeout=2)
    assert rung == [1, 2, 3]
