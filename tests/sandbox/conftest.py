"""The sandbox as `standards-bot sandbox` starts it, in this process, on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox import demo
from bot.sandbox.page import PageServer
from bot.sandbox.runner import Sandbox, start_sandbox


@dataclass
class Running:
    box: Sandbox
    page: PageServer

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.page.port}/"


def _running(database: Path, *, seeded: bool) -> Iterator[Running]:
    box = start_sandbox(database)
    page = PageServer(box, 0)
    try:
        if seeded:
            demo.seed(box)
        page.start()
        yield Running(box, page)
    finally:
        page.stop()
        box.stop()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Running]:
    yield from _running(tmp_path / "sandbox.db", seeded=True)


@pytest.fixture
def empty_sandbox(tmp_path: Path) -> Iterator[Running]:
    yield from _running(tmp_path / "sandbox.db", seeded=False)
