"""What the features plug into the bot's shared machinery: the clock's duties, the outbox's hooks and recipient
resolvers, the standards team's report sections and the Home tab's sections.

One `Features` is built per process at start-up (bot/wiring.py) and carried on Deps; nothing is registered by
importing a module. A session of that process's database carries it too, so that scheduling a duty or queueing
a message with a hook can check, in the caller's transaction, that something will handle it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from bot.clock import DutyHandler, Preparer
    from bot.deps import Deps
    from bot.outbox import Hook, Resolver
    from bot.services.admin.reports import SectionBuilder

# Makes sure a duty that must always be pending (daily housekeeping) is: run at the start of every tick.
StandingDuty = Callable[[Session, datetime], None]
# A feature's part of the Home tab: `section(deps, team_id, user_id)` returns its blocks.
HomeSection = Callable[["Deps", str, str], list[dict[str, Any]]]

SESSION_KEY = "standards_bot.features"


@dataclass
class Features:
    duties: dict[str, DutyHandler] = field(default_factory=dict)
    # A duty that needs an answer from Slack asks it here, before its transaction opens.
    preparers: dict[str, Preparer] = field(default_factory=dict)
    standing_duties: list[StandingDuty] = field(default_factory=list)
    hooks: dict[str, Hook] = field(default_factory=dict)
    resolvers: dict[str, Resolver] = field(default_factory=dict)
    _report_sections: list[tuple[int, str, SectionBuilder]] = field(default_factory=list)
    _home_sections: list[tuple[int, HomeSection]] = field(default_factory=list)

    # Registering the same function again changes nothing, so that wiring twice (the clock, then the app, in one
    # process) is harmless; a second function under a name already taken is a mistake, and refused.

    def add_duty(self, kind: str, handler: DutyHandler, *, prepare: Preparer | None = None) -> None:
        _add(self.duties, "duty", kind, handler)
        if prepare is not None:
            _add(self.preparers, "duty preparer", kind, prepare)

    def add_standing_duty(self, ensure: StandingDuty) -> None:
        if ensure not in self.standing_duties:
            self.standing_duties.append(ensure)

    def add_hook(self, name: str, hook: Hook) -> None:
        """A function run (in its own transaction) after an outbox message is sent or finally fails."""
        _add(self.hooks, "outbox hook", name, hook)

    def add_resolver(self, name: str, resolver: Resolver) -> None:
        """A function that turns a stored reference into a Slack user ID only at the moment of sending, so that a
        "dm.post" to someone whose ID must not be kept in plain (a reporter) stores only the reference:
        payload {"recipient": {"resolver": name, ...}} instead of {"user": ...}."""
        _add(self.resolvers, "recipient resolver", name, resolver)

    def add_report_section(self, order: int, name: str, builder: SectionBuilder) -> None:
        if all(existing != name for _, existing, _ in self._report_sections):
            self._report_sections.append((order, name, builder))
            self._report_sections.sort(key=lambda item: item[0])

    def add_home_section(self, order: int, section: HomeSection) -> None:
        if all(existing is not section for _, existing in self._home_sections):
            self._home_sections.append((order, section))
            self._home_sections.sort(key=lambda item: item[0])

    @property
    def report_sections(self) -> list[SectionBuilder]:
        """In their order in the report."""
        return [builder for _, _, builder in self._report_sections]

    @property
    def home_sections(self) -> list[HomeSection]:
        """In their order on the tab."""
        return [section for _, section in self._home_sections]


def _add(registry: dict[str, Any], what: str, name: str, fn: Any) -> None:
    existing = registry.setdefault(name, fn)
    if existing is not fn:
        raise ValueError(f"two functions for the {what} {name!r}")


def features_of(session: Session) -> Features:
    """The features of the process whose database opened this session."""
    found = session.info.get(SESSION_KEY)
    if not isinstance(found, Features):
        raise LookupError("this session's database is not the one of a Deps, so no features are known to it")
    return found
