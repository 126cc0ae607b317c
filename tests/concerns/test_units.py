"""Pure parts: receipt codes, Block Kit builders, configuration and dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.blocks import concern_cases as case_blocks
from bot.blocks import concern_parts
from bot.blocks import concerns as blocks
from bot.sandbox.simulator.blockkit import validate_view
from bot.services.concerns import receipts
from bot.services.concerns.cases import add_months
from dilemmas.concerns_config import DEFAULT, ConcernsConfigError, load_config
from dilemmas.models import Signpost


def test_a_receipt_has_100_random_bits_in_five_groups_and_reads_back_forgivingly() -> None:
    receipt = receipts.new_receipt()
    groups = receipt.code.split("-")
    assert [len(group) for group in groups] == [4] * 5
    assert len(receipts.ALPHABET) ** (receipts.LOOKUP_CHARS + receipts.SECRET_CHARS) >= 2**100
    typed = " " + receipt.code.lower().replace("-", " ") + " "
    assert receipts.parse(typed) == receipt
    assert receipts.parse(receipt.code.replace("0", "O").replace("1", "l")) == receipt
    assert receipts.parse("ABCD") is None
    assert receipts.parse("UUUU-UUUU-UUUU-UUUU-UUUU") is None  # U is not in the alphabet


def test_only_the_right_secret_verifies_and_an_unknown_case_never_does() -> None:
    receipt = receipts.new_receipt()
    stored = receipts.hash_secret(receipt.secret)
    assert receipt.secret not in stored
    assert stored.startswith("$argon2id$")
    assert receipts.verify(stored, receipt.secret)
    assert not receipts.verify(stored, receipts.new_receipt().secret)
    assert not receipts.verify(None, receipt.secret)
    assert not receipts.verify("not a hash", receipt.secret)


@given(st.text(max_size=4000))
def test_chunks_escape_everything_and_fit_a_section(text: str) -> None:
    pieces = concern_parts.chunks(text)
    assert all(len(piece) <= 2900 for piece in pieces)
    joined = "".join(pieces)
    assert "<" not in joined
    assert ">" not in joined
    assert joined.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


def test_every_view_and_message_is_valid_block_kit() -> None:
    categories = [(c.key, c.label) for c in DEFAULT.categories]
    signposts = [Signpost(name="Line", detail="Call it", url="https://example.org")]
    card = case_blocks.CaseCard(1, "SC-2026-0001", "Bullying", "named", "received", "1 Nov 2026", "&" * 3000, "<!here>",
                           "U1", "8 Nov 2026", "1 Feb 2027")  # fmt: skip
    views = [
        blocks.form_modal(categories),
        blocks.received_modal(
            "SC-2026-0001",
            "ABCD-EFGH-JKMN-PQRS-TVWX",
            "relay",
            waiting=True,
            signposts=signposts,
            ack_days=7,
            feedback_months=3,
        ),
        case_blocks.reply_modal(1, "SC-2026-0001", "silent"),
        case_blocks.note_modal(1, "SC-2026-0001"),
        case_blocks.status_modal(1, "SC-2026-0001", "assessing"),
        blocks.answer_modal("1.abc", "SC-2026-0001"),
        case_blocks.audit_modal("SC-2026-0001", [case_blocks.AuditLine("2026-11-01 09:00", None, "received")] * 300),
        {"type": "home", "blocks": blocks.home_section(365, signposts)},
    ]
    for view in views:
        assert validate_view(view) == [], view.get("title")
    post = case_blocks.case_post(card)
    assert all(len(b["text"]["text"]) <= 3000 for b in post["blocks"] if b["type"] == "section")
    assert len(post["blocks"]) <= 50


def test_the_organisation_can_set_its_own_categories_and_a_bad_file_is_named(tmp_path: Path) -> None:
    assert load_config(None) is DEFAULT
    good = tmp_path / "good"
    good.mkdir()
    (good / "concerns.yml").write_text("categories:\n  - {key: fraud, label: Fraud}\nsignposts: [iopc-report-line]\n")
    assert [c.key for c in load_config(good).categories] == ["fraud"]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "concerns.yml").write_text("categories:\n  - {key: Fraud!, label: Fraud}\n")
    with pytest.raises(ConcernsConfigError, match=r"concerns\.yml: categories\.0\.key"):
        load_config(bad)


def test_three_months_later_keeps_the_day_or_the_month_end() -> None:
    assert add_months(datetime(2026, 11, 23, tzinfo=UTC), 3) == datetime(2027, 2, 23, tzinfo=UTC)
    assert add_months(datetime(2026, 11, 30, tzinfo=UTC), 3) == datetime(2027, 2, 28, tzinfo=UTC)
