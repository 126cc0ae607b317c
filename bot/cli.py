"""The `standards-bot` command: run, web, clock, migrate, tick, rekey and content check."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from bot import netguard
from bot.settings import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger("standards_bot")

EXIT_CONFIG = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    netguard.install_if_asked()
    try:
        return int(args.handler(args) or 0)
    except ConfigError as exc:
        print(f"standards-bot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "no answer"
        print(f"standards-bot: cannot reach the database named by DATABASE_URL ({reason}).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="standards-bot", description="Standards Bot for Slack.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    commands.add_parser("run", help="the whole bot in one process (Socket Mode or HTTP, with the clock)").set_defaults(
        handler=_run
    )
    commands.add_parser("web", help="the HTTP server only (gunicorn)").set_defaults(handler=_web)
    commands.add_parser("clock", help="the scheduler process only").set_defaults(handler=_clock)
    commands.add_parser("migrate", help="bring the database schema up to date").set_defaults(handler=_migrate)
    tick = commands.add_parser("tick", help="run once every duty due at an instant, then exit")
    tick.add_argument("--at", type=_instant, default=None, help="ISO-8601 instant (default: now)")
    tick.set_defaults(handler=_tick)
    commands.add_parser(
        "rekey", help="re-encrypt every sealed value under the current key, so previous keys can be dropped"
    ).set_defaults(handler=_rekey)
    sandbox = commands.add_parser("sandbox", help="the whole bot against a built-in pretend workspace, in a browser")
    _add_sandbox_arguments(sandbox)
    sandbox.set_defaults(handler=_sandbox)
    content = commands.add_parser("content", help="the dilemma bank and the card deck")
    content_commands = content.add_subparsers(dest="content_command", required=True, metavar="check|export")
    check = content_commands.add_parser("check", help="validate the content; exit 1 on any problem")
    check.add_argument(
        "--report", action="store_true", help="print Markdown tables of what the deck and the bank cover"
    )
    check.add_argument(
        "--into", type=Path, default=None, metavar="FILE", help="write the report between its markers in FILE"
    )
    check.set_defaults(handler=_content_check)
    export = content_commands.add_parser("export", help="the dilemmas and cards published in Slack, as YAML files")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="the directory to write into")
    export.add_argument("--team", default=None, help="only this workspace's (when a database serves several)")
    export.set_defaults(handler=_content_export)
    from bot import cli_impact

    cli_impact.add_commands(commands)
    return parser


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO-8601 instant such as 2026-11-23T09:00:00Z") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _settings_for(*required: str) -> Settings:
    settings = load_settings()
    settings.require(*required)
    return settings


def _prepare(settings: Settings, *, migrate: bool) -> Deps:
    from bot.deps import Deps
    from bot.wiring import register_all
    from dilemmas.loader import ContentError
    from storage.migrate import is_up_to_date, upgrade

    deps = Deps.from_settings(settings)
    register_all(deps.features)
    if migrate:
        upgrade(deps.db.engine)
    elif not is_up_to_date(deps.db.engine):
        raise ConfigError("the database schema is not up to date: run `standards-bot migrate` first.")
    try:
        _ = deps.content
    except ContentError as exc:
        raise ConfigError(
            f"the content has {len(exc.problems)} problem(s) (first: {exc.problems[0]}): "
            "run `standards-bot content check` and fix them."
        ) from None
    return deps


def _run(args: argparse.Namespace) -> int:
    settings = _settings_for("slack_bot_token")
    socket_mode = settings.slack_app_token is not None
    settings.require_a_connection()
    settings.require("secret_key")
    deps = _prepare(settings, migrate=True)
    from bot.scheduler import start_in_background

    scheduler = start_in_background(deps)
    try:
        if socket_mode:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            from bot.app import create_app
            from bot.services.concerns import case_channel
            from dilemmas.checks import load_similarity_measure

            assert settings.slack_app_token is not None
            case_channel.check_at_start(deps)
            load_similarity_measure()  # before serving, not in a form's answer
            log.info("starting in Socket Mode")
            SocketModeHandler(create_app(deps), settings.slack_app_token.get_secret_value()).start()
        else:
            from bot.server import GunicornServer

            log.info("starting the HTTP server on port %d", settings.port)
            GunicornServer(settings).run()
    finally:
        scheduler.shutdown(wait=False)
    return 0


def _web(args: argparse.Namespace) -> int:
    settings = _settings_for("slack_bot_token", "slack_signing_secret", "secret_key")
    _prepare(settings, migrate=False).close()
    from bot.server import GunicornServer

    GunicornServer(settings).run()
    return 0


def _clock(args: argparse.Namespace) -> int:
    settings = _settings_for("slack_bot_token", "secret_key")
    deps = _prepare(settings, migrate=False)
    from bot.scheduler import run_forever
    from bot.services.concerns import case_channel

    case_channel.check_at_start(deps)
    run_forever(deps)
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from storage.db import Database
    from storage.migrate import upgrade

    db = Database(load_settings().database_url)
    upgrade(db.engine)
    db.dispose()
    print("standards-bot: the database schema is up to date.")
    return 0


def _tick(args: argparse.Namespace) -> int:
    settings = _settings_for("slack_bot_token", "secret_key")
    deps = _prepare(settings, migrate=False)
    from bot.clock import tick

    report = tick(deps, args.at)
    print(
        f"standards-bot: ran {len(report.ran)} duties ({len(report.failed)} failed); "
        f"delivered {report.delivery.sent} messages ({report.delivery.failed} failed, "
        f"{report.delivery.postponed} postponed)."
    )
    deps.close()
    return 1 if report.failed else 0


def _rekey(args: argparse.Namespace) -> int:
    settings = _settings_for("secret_key")
    deps = _prepare(settings, migrate=False)
    from bot.rekey import rekey

    report = rekey(deps)
    deps.close()
    print(
        f"standards-bot: re-encrypted {report.rewritten} values under key {deps.keyring.key_id} "
        f"({report.current} already were)."
    )
    for place in report.unreadable:
        print(f"cannot be opened with the configured keys: {place}")
    if report.unreadable:
        print(
            f"standards-bot: {len(report.unreadable)} value(s) no configured key opens: list the key that wrote them "
            "in STANDARDS_BOT_PREVIOUS_SECRET_KEYS and run `standards-bot rekey` again.",
            file=sys.stderr,
        )
        return 1
    return 0


def _add_sandbox_arguments(parser: argparse.ArgumentParser) -> None:
    from bot.sandbox.main import add_arguments

    add_arguments(parser)


def _sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.main import run

    return run(args, port=args.port or load_settings().port)


def _content_check(args: argparse.Namespace) -> int:
    from dilemmas import checks, coverage
    from dilemmas.loader import check_content

    settings = load_settings()
    content, problems = check_content(settings.content_dir, settings.signposts)
    pairs = checks.similarities(content)
    problems += checks.check_bank(content, pairs)
    reporting = args.report or args.into is not None
    out = sys.stderr if reporting else sys.stdout  # with a report, stdout carries only the Markdown
    for problem in problems:
        print(problem, file=out)
    for rule in _content_rules():
        print(rule, file=out)
    if args.into is not None:
        try:
            coverage.write_into(args.into, coverage.report(content, pairs))
        except (OSError, coverage.ReportTargetError) as exc:
            print(f"standards-bot: {exc}", file=sys.stderr)
            return 1
        print(f"standards-bot: the coverage report is written into {args.into}.", file=sys.stderr)
    elif args.report:
        print(coverage.report(content, pairs), end="")
    if problems:
        print(f"standards-bot: {len(problems)} problem(s) in the content.", file=sys.stderr)
        return 1
    print(
        f"standards-bot: the content is valid: {len(content.cards)} cards, {len(content.dilemmas)} dilemmas.", file=out
    )
    return 0


def _content_export(args: argparse.Namespace) -> int:
    from bot.deps import Deps
    from bot.services.cards.export import export as export_cards
    from bot.services.dilemmas.export import export

    deps = Deps.from_settings(load_settings())
    with deps.db.unit_of_work() as session:
        done = export(session, args.out, set(deps.content.dilemmas), team_id=args.team)
        suits = export_cards(session, args.out, team_id=args.team)
    deps.close()
    print(f"standards-bot: wrote {len(done.written)} dilemma(s) into {args.out / 'bank'}.")
    if suits:
        print(
            f"standards-bot: wrote the cards changed in {len(suits)} suit(s) into {args.out / 'cards'}; each "
            "replaces the shipped card of the same suit and rank."
        )
    if done.replacing:
        print(
            f"standards-bot: {len(done.replacing)} change(s) to shipped dilemmas are in {args.out / 'replacing'}: "
            "copy each over the file of the same id in dilemmas/bank."
        )
    print(f"Check them with: STANDARDS_BOT_CONTENT_DIR={args.out} standards-bot content check")
    return 0


def _content_rules() -> list[str]:
    from dilemmas import checks

    return [
        "Balance: in each format, the panel's option may be the longest option text in at most a third of the "
        "dilemmas.",
        f"Near-duplicates: {checks.MEASURE}; a pair scoring above {checks.NEAR_DUPLICATE_ABOVE:.2f} fails.",
        f"Coverage: each Standard of Professional Behaviour tagged in at least {checks.MIN_DILEMMAS_PER_STANDARD} "
        f"dilemmas and {checks.MIN_CARDS_PER_STANDARD} cards; each theme on at least one card or dilemma.",
    ]


if __name__ == "__main__":
    sys.exit(main())
