"""A dilemma's briefing pack as an A4 PDF to print or show on screen, drawn with matplotlib (no display needed).

The panel's view is on a page of its own at the end, so a lead can show the rest without giving it away.
"""

from __future__ import annotations

import io
import logging
import textwrap
from typing import Any

from bot.texts import dilemma_briefings as texts
from bot.texts import dilemmas as dilemma_texts
from dilemmas.models import Dilemma

A4 = (8.27, 11.69)  # inches, portrait
LEFT, TOP, BOTTOM = 0.08, 0.94, 0.07
LINE = 0.02  # height of a line of body text, as a share of the page
WIDTH = 84  # characters of body text to a line
INK, MUTED, ACCENT = "#111111", "#555555", "#1d4f91"


class _Pages:
    """Lines written down the page, a new page when one is full; `parse_math` is off so that a dollar sign in
    the content is printed, not read as a formula."""

    def __init__(self) -> None:
        self.pages: list[Any] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        from matplotlib.figure import Figure

        self.pages.append(Figure(figsize=A4))
        self.y = TOP

    def line(self, text: str, *, size: float = 10.5, weight: str = "normal", color: str = INK) -> None:
        if self.y < BOTTOM:
            self.new_page()
        self.pages[-1].text(LEFT, self.y, text, fontsize=size, weight=weight, color=color, parse_math=False)
        self.y -= LINE * size / 10.5

    def paragraph(self, text: str, **style: Any) -> None:
        for part in text.split("\n"):
            for line in textwrap.wrap(part, WIDTH) or [""]:
                self.line(line, **style)
        self.gap(0.4)

    def heading(self, text: str) -> None:
        if self.y < BOTTOM + 4 * LINE:
            self.new_page()  # not a heading alone at the foot of a page
        self.gap(0.6)
        self.line(text, size=13, weight="bold", color=ACCENT)
        self.gap(0.3)

    def gap(self, lines: float) -> None:
        self.y -= LINE * lines


def pack_pdf(dilemma: Dilemma) -> bytes:
    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs every glyph it embeds at INFO
    title = texts.pack_title(dilemma_texts.header(dilemma.format, dilemma.title))
    doc = _Pages()
    for line in textwrap.wrap(title, 60):
        doc.line(line, size=17, weight="bold")
    doc.paragraph(texts.PDF_SUBTITLE, size=9.5, color=MUTED)
    doc.heading(texts.PDF_SCENARIO)
    doc.paragraph(dilemma.scenario)
    doc.heading(texts.PDF_OPTIONS)
    for option in dilemma.options:
        doc.line(f"{option.key}: {option.label}", weight="bold")
        doc.paragraph(option.text)
    doc.paragraph(texts.PDF_HANDS, size=9.5, color=MUTED)
    doc.heading(texts.PDF_PROMPTS)
    for prompt in dilemma.prompts:
        doc.paragraph(f"• {prompt}")
    doc.new_page()
    chosen = next(o for o in dilemma.options if o.key == dilemma.panel_view.option)
    doc.line(texts.PDF_FOR_THE_END, size=17, weight="bold")
    doc.paragraph(texts.PDF_FOR_THE_END_NOTE, size=9.5, color=MUTED)
    doc.heading(texts.pdf_panel_view(chosen.key, chosen.label, dilemma.format))
    doc.paragraph(dilemma.panel_view.reasoning)
    buffer = io.BytesIO()
    # TrueType fonts keep the words searchable and copyable in the PDF.
    with rc_context({"pdf.fonttype": 42}), PdfPages(buffer, metadata={"Title": title}) as pages:
        for page in doc.pages:
            pages.savefig(page)
    return buffer.getvalue()
