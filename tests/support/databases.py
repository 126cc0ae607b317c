"""Fresh, migrated databases for tests: a SQLite file or a PostgreSQL database, copied from a migrated template."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.migrate import upgrade

POSTGRES_URL_ENV = "STANDARDS_BOT_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "STANDARDS_BOT_REQUIRE_POSTGRES"


def postgres_admin_url() -> str | None:
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        if os.environ.get(REQUIRE_POSTGRES_ENV) or os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_URL_ENV} is not set, and PostgreSQL tests are required here")
        pytest.skip(f"{POSTGRES_URL_ENV} is not set; run scripts/test to include PostgreSQL")
    return str(make_url(url).set(drivername="postgresql+psycopg").render_as_string(hide_password=False))


def database_file_bytes(database_url: str, table: str) -> bytes:
    """Every byte of the database's own files that could hold `table`'s rows: SQLite's main file and write-ahead
    log, or PostgreSQL's file of that table."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        main = Path(str(url.database))
        # Read by another process: closing a descriptor of the database file in this one would drop every POSIX
        # lock this process's SQLite connections hold on it, and the next process to close its connection would
        # then take itself for the last one and delete the write-ahead log under them.
        read = (
            "import sys; from pathlib import Path; sys.stdout.buffer.write(b''.join(Path(p).read_bytes() "
            "for p in sys.argv[1:] if Path(p).exists()))"
        )
        files = [str(main), str(main.with_name(main.name + "-wal"))]
        return subprocess.run([sys.executable, "-c", read, *files], check=True, capture_output=True).stdout
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("CHECKPOINT"))  # pages in memory reach the files
            root = Path(connection.execute(text("SHOW data_directory")).scalar_one())
            relative = connection.execute(text("SELECT pg_relation_filepath(:table)"), {"table": table}).scalar_one()
    finally:
        engine.dispose()
    found = sorted(root.glob(relative + "*"))  # the table's file and its further segments, if any
    return b"".join(path.read_bytes() for path in found if path.is_file())


class SqliteDatabases:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.template = root / "template.db"
        upgrade_url = f"sqlite:///{self.template}"
        engine = create_engine(upgrade_url)
        upgrade(engine)
        engine.dispose()

    def fresh(self) -> str:
        path = self.root / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"


class PostgresDatabases:
    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.template = f"sb_template_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.created: list[str] = [self.template]
        # One connection for every CREATE and DROP of the run, rather than a new one for each.
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_size=1, max_overflow=0)
        self._execute(f'CREATE DATABASE "{self.template}"')
        engine = create_engine(self._url(self.template))
        upgrade(engine)
        engine.dispose()

    def _url(self, name: str) -> str:
        return str(make_url(self.admin_url).set(database=name).render_as_string(hide_password=False))

    def _execute(self, statement: str) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(statement))

    def fresh(self) -> str:
        name = f"sb_test_{uuid.uuid4().hex[:12]}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self.created.append(name)
        return self._url(name)

    def empty(self) -> str:
        """A new database with nothing in it, not even the schema: what a platform hands a new app."""
        name = f"sb_empty_{uuid.uuid4().hex[:12]}"
        self._execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self._url(name)

    def drop(self, url: str) -> None:
        """Drop a database this made, once its test is done, rather than all of them at the end of the run."""
        name = make_url(url).database
        if name in self.created:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.created.remove(name)

    def drop_all(self) -> None:
        for name in reversed(self.created):
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()
        self._admin.dispose()
