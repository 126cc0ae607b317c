"""`standards-bot sandbox`: start everything, say where the page is, and stop cleanly on Ctrl-C."""

from __future__ import annotations

import argparse
import logging
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


def run(args: argparse.Namespace, port: int, stop: threading.Event | None = None) -> int:
    started = time.monotonic()
    from bot.sandbox import demo
    from bot.sandbox.page import PageServer
    from bot.sandbox.runner import start_sandbox

    logging.getLogger("slack_bolt").setLevel(logging.WARNING)
    box = start_sandbox(args.database)
    try:
        page = PageServer(box, port)
    except OSError as exc:
        box.stop()
        raise ConfigError(
            f"PORT {port} cannot be used for the sandbox's page ({exc.strerror}): stop what uses it, "
            "or start the sandbox with --port and another number."
        ) from None
    try:
        if not args.no_demo:
            try:
                demo.seed(box)
            except (demo.DemoError, AssertionError) as exc:
                log.warning("the demo could not be set up completely (%s); the sandbox runs without it", exc)
        page.start()
        print(
            f"standards-bot: the sandbox is running at http://127.0.0.1:{page.port}/ "
            f"(ready in {time.monotonic() - started:.1f} s; database {args.database}; press Ctrl-C to stop).",
            flush=True,
        )
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        page.stop()
        box.stop()
        print("standards-bot: the sandbox has stopped.", flush=True)
    return 0
