"""The incoming manager reads the same reciprocity in the brief (HTML, PDF, Markdown) as a
team lead on the Analytics page: what the customer kept, not what it promised and broke."""

from __future__ import annotations

import datetime as dt

import pytest
from brandt import TODAY, brief_of, build_workspace
from pypdf import PdfReader

from handover.brief.html import build_brief_html
from handover.brief.markdown_export import build_brief_markdown
from handover.brief.pdf import write_brief_pdf
from handover.domain.records import Commitment, CommitmentStatus, Concession, Direction
from handover.store import Workspace
from handover.ui.analytics.analytics_page import AnalyticsPage
from handover.ui.shell.session import Session

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def promised(tmp_path):
    """Brandt (12 concessions, 28,500 EUR given) with 4,000 kept in return, a "volume
    500k/yr" promise worth 21,900 broken, and 6,000 promised and still open."""
    path = tmp_path / "brandt.handover"
    hid = build_workspace(path)
    with Workspace.open(path, user="Anna Keller") as ws:
        cs = ws.all(Concession)
        account_id = cs[0].account_id
        for c, status, value, what in (
                (cs[1], CommitmentStatus.KEPT, 4_000, "Two-year extension"),
                (cs[2], CommitmentStatus.BROKEN, 21_900, "Volume 500k/yr"),
                (cs[3], CommitmentStatus.OPEN, 6_000, "Case study")):
            ws.add(Commitment(account_id=account_id, direction=Direction.THEIRS,
                              description=what, status=status, concession_id=c.id,
                              value=value, due_date=dt.date(2026, 12, 31)))
    return path, hid


def test_the_brief_and_the_analytics_page_show_the_same_reciprocity(qtbot, promised,
                                                                     tmp_path):
    path, hid = promised
    data = brief_of(path, hid)
    g = data.concession_summary.reciprocity
    # kept 4,000 of 28,500 given: 0.14 (the broken 21,900 would have made it 0.91)
    assert (g.given, g.received, g.promised_open) == (28_500, 4_000, 6_000)
    words = data.reciprocity_words()
    assert words == ("Reciprocity 0.14: " + data.money(4_000) + " kept in return for "
                     + data.money(28_500) + " given; " + data.money(6_000)
                     + " promised and still open (a broken promise counts as nothing).")

    html = build_brief_html(data, for_print=False)
    assert words in html.replace("&#x27;", "'")
    assert words in build_brief_markdown(data)
    pdf = tmp_path / "brief.pdf"
    write_brief_pdf(data, pdf)
    printed = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Reciprocity 0.14:" in printed

    with Workspace.open(path, user="Lena Vogt") as ws:
        page = AnalyticsPage(today=lambda: TODAY)
        qtbot.addWidget(page)
        page.set_session(Session(ws))
        page.refresh()
        qtbot.waitUntil(lambda: not page.calculating)
        card = page.card_text("reciprocity")
    assert card.startswith("RECIPROCITY EUR\u00a00.14")
    assert "promised, still open" in card
