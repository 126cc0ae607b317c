"""An open dilemma in a bench channel, made through the bot's own service (its post stays in the outbox), in a
process of its own with the settings of its environment.

python -m bench.open_post <team> <channel>   prints the post's ID
"""

from __future__ import annotations

import sys

from sqlalchemy import select

from bot.deps import Deps
from bot.services import dilemmas
from bot.settings import load_settings
from bot.wiring import register_all
from storage.models import utcnow
from storage.models.dilemmas import DilemmaPost


def main() -> None:
    team_id, channel_id = sys.argv[1], sys.argv[2]
    deps = Deps.from_settings(load_settings())
    register_all(deps.features)
    with deps.db.unit_of_work() as session:
        dilemmas.post_now(session, deps, team_id=team_id, channel_id=channel_id, dilemma_id=None, now=utcnow())
    with deps.db.unit_of_work() as session:
        print(session.scalar(select(DilemmaPost.id)))


if __name__ == "__main__":
    main()
