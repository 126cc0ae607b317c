"""A PostgreSQL server of a test's own, on loopback, that the test may stop and start again (an outage)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.web import free_port


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in Path(p).parent.name.split(".")]
    )
    return Path(candidates[-1]) if candidates else None


@dataclass
class PostgresServer:
    bin_dir: Path
    data: Path
    port: int
    as_owner: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_owner, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *args],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off -c max_connections=200"
        self._ctl("-l", str(self.data / "log"), "-w", "-o", options, "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "-w", "stop")


@contextmanager
def throwaway_postgres() -> Iterator[PostgresServer]:
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        if os.environ.get("CI") or os.environ.get("STANDARDS_BOT_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are needed for this test")
        pytest.skip("PostgreSQL's server programs are not installed")
    root = Path(tempfile.mkdtemp(prefix="sb-pg-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        subprocess.run(["chown", "-R", "postgres", str(root)], check=True)
        as_owner = ["runuser", "-u", "postgres", "--"]
    data = root / "data"
    subprocess.run(
        [*as_owner, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    server = PostgresServer(bin_dir, data, free_port(), as_owner)
    server.start()
    try:
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):  # already stopped
            server.stop()
        shutil.rmtree(root, ignore_errors=True)
