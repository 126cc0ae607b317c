"""The Slack simulator in a process of its own, so a benchmark's load generator does not share its GIL.

python -m bench.sim_process <count> <file>   writes the API URL, then <count> response URLs, one a line
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bot.sandbox.simulator.server import SlackSimulator


def main() -> None:
    count, path = int(sys.argv[1]), Path(sys.argv[2])
    with SlackSimulator(bot_token="xoxb-bench") as sim:
        for n in range(40):
            sim.add_channel(f"CBENCH{n:04d}", f"bench-{n}", members=[])
        lines = [sim.api_url, *(sim.new_response_url() for _ in range(count))]
        path.with_suffix(".tmp").write_text("\n".join(lines))
        path.with_suffix(".tmp").rename(path)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
