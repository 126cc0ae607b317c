"""The view layer as the services need it: the words and Block Kit messages they queue in the outbox within the
same unit of work as the change they tell of. Each feature declares what it calls (its `messages` module); the
implementations (bot.blocks, bot.texts) are given at start-up, by Deps, so no service imports the view layer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.ambassadors.messages import AmbassadorBlocks, AmbassadorTexts
from bot.services.cards.messages import CardBlocks, CardTexts
from bot.services.concerns.messages import CaseBlocks, ConcernBlocks, ConcernTexts
from bot.services.cpd.messages import CpdBlocks, CpdTexts
from bot.services.dilemmas.messages import DilemmaBlocks, DilemmaTexts
from bot.services.impact.messages import ImpactTexts


@dataclass(frozen=True)
class Messages:
    ambassador_blocks: AmbassadorBlocks
    ambassador_texts: AmbassadorTexts
    card_blocks: CardBlocks
    card_texts: CardTexts
    concern_blocks: ConcernBlocks
    case_blocks: CaseBlocks
    concern_texts: ConcernTexts
    cpd_blocks: CpdBlocks
    cpd_texts: CpdTexts
    dilemma_blocks: DilemmaBlocks
    dilemma_texts: DilemmaTexts
    impact_texts: ImpactTexts
