"""Words of a closed concern's outcome, chosen from a short list when the case team closes it."""

from __future__ import annotations

from bot.services.impact.outcomes import KINDS

_NAMES = {
    "action-taken": "Action taken",
    "advice-given": "Advice or guidance given",
    "no-further-action": "No further action",
    "referred": "Referred elsewhere",
}
OUTCOME_NAMES = {kind: _NAMES[kind] for kind in KINDS}  # one name for every outcome, in the service's order
KIND_LABEL = "Outcome for the standards team's figures (when closing)"
KIND_HINT = "Counted in the report by outcome; the reporter does not see it."
