"""`standards-bot sandbox`: start everything, say where the page is, and stop cleanly on Ctrl-C."""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import threading
import time
from pathlib import Path

from bot.settings import ConfigError

log = logging.getLogger("standards_bot")

DEFAULT_DATABASE = Path("standards-bot-sandbox.db")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=None, help="the page's port on 127.0.0.1 (default: PORT or 3000)")
    parser.add_argument("--no-demo", action="store_true", help="start with an empty workspace, without the demo")
    parser.add_argument(
        "--database", type=Path, default=DEFAULT_DATABASE,
        help=f"the SQLite file to use, replaced at each start (default: {DEFAULT_DATABASE})",
    )  # fmt: skip


def _stop_on_signals(stop: threading.Event) -> None:
    """Ctrl-C or SIGTERM sets `stop`, even where the shell started the process with SIGINT ignored."""
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())


def _port_error(port: int, exc: OSError) -> ConfigError:
    return ConfigError(
        f"PORT {port} cannot be used for the sandbox's page ({exc.strerror}): stop what uses it, "
        "or start the sandbox with --port and another number."
    )


def _check_port(port: int) -> None:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the page's server will
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise _port_error(port, exc) from None


def run(args: argparse.Namespace, port: int, stop: threading.Event | None = None) -> int:
    started = time.monotonic()
    stop = stop or threading.Event()
    _stop_on_signals(stop)
    from bot.sandbox import demo
    from bot.sandbox.page import PageServer
    from bot.sandbox.runner import start_sandbox

    logging.getLogger("slack_bolt").setLevel(logging.WARNING)
    _check_port(port)  # before anything starts, so a port in use is said at once
    box = start_sandbox(args.database)
    try:
        page = PageServer(box, port)
    except OSError as exc:
        box.stop()
        raise _port_error(port, exc) from None
    seeding: threading.Thread | None = None
    try:
        page.start()
        print(
            f"standards-bot: the sandbox is running at http://127.0.0.1:{page.port}/ "
            f"(set up in {time.monotonic() - started:.1f} s; database {args.database}; press Ctrl-C to stop).",
            flush=True,
        )
        if not args.no_demo:
            # The page is already usable; the demo arrives in it a moment later, as a person would see it.
            seeding = threading.Thread(target=demo.seed_quietly, args=(box,), name="sandbox-demo", daemon=True)
            seeding.start()
        while not stop.wait(0.5):
            pass
    finally:
        if seeding is not None:
            seeding.join(timeout=15)
        page.stop()
        box.stop()
        print("standards-bot: the sandbox has stopped.", flush=True)
    return 0
