"""The printed brief, read back as a reader (and pypdf) sees it: its pages, its titles, every
concession, a header and footer on every page, nothing a hostile note smuggled in, and page
breaks that split no row and orphan no heading."""

from __future__ import annotations

import re

import pytest
from brandt import SECRET, TODAY, brief_of, build_workspace
from pypdf import PdfReader
from PySide6.QtCore import QSizeF, QUrl
from PySide6.QtGui import QImage, QPdfWriter, QTextCursor, QTextDocument

from handover.brief.charts import brief_charts
from handover.brief.pages import paginate
from handover.brief.pdf import (
    BriefDocument,
    brief_document,
    brief_pdf_bytes,
    page_layout,
    write_brief_pdf,
)
from handover.domain.checker import day

pytestmark = pytest.mark.usefixtures("qapp")


def flat(text: str) -> str:
    """Text as a reader sees it: one space wherever the PDF broke a line or a column."""
    return " ".join(text.split())


def page_texts(path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(path).pages]


_texts: dict = {}


def long_texts(pdf) -> list[str]:
    """The long brief's page texts, read once for the module (pypdf takes seconds)."""
    if pdf not in _texts:
        _texts[pdf] = page_texts(pdf)
    return _texts[pdf]


@pytest.fixture(scope="module")
def long_brief(tmp_path_factory):
    """A signed-off handover with 120 concessions, and its PDF."""
    folder = tmp_path_factory.mktemp("long")
    path = folder / "brandt.handover"
    hid = build_workspace(path, concessions=120, signed=True)
    data = brief_of(path, hid)
    pdf = folder / "brief.pdf"
    pages = write_brief_pdf(data, pdf, charts=brief_charts(data))
    return data, pdf, pages


def test_a_long_brief_runs_to_many_pages_and_says_so(long_brief):
    data, pdf, pages = long_brief
    reader = PdfReader(pdf)
    assert pages == len(reader.pages) > 5


def test_every_section_of_the_template_has_its_numbered_title(long_brief):
    data, pdf, _ = long_brief
    text = " ".join(long_texts(pdf))
    for number, section in data.sections():
        assert f"{number}. {section.title}" in text
    for part in ("Findings still open", "Sign-off", "Appendix A. Every concession (120)"):
        assert part in text


def test_every_concession_has_its_row_in_the_appendix(long_brief):
    data, pdf, _ = long_brief
    text = " ".join(long_texts(pdf))
    appendix = text[text.index("Appendix A. Every concession (120) Oldest first"):]
    for c in data.records.concessions:
        assert c.negotiation in appendix  # "Deal 001" ... "Deal 120"
        assert day(c.date) in appendix
    assert len(re.findall(r"Deal \d{3}", appendix)) == 120


def test_every_page_has_the_header_and_the_footer_with_page_date_and_hash(long_brief):
    data, pdf, pages = long_brief
    assert data.handover.signoff_hash
    for number, text in enumerate(long_texts(pdf), start=1):
        assert "Brandt Logistik" in text
        assert "Handover brief \u00b7 Accepted" in text
        assert f"Page {number} of {pages}" in text
        assert day(TODAY) in text
        assert data.handover.signoff_hash in text


def test_a_table_that_runs_onto_the_next_page_repeats_its_header(long_brief):
    _, pdf, _ = long_brief
    texts = long_texts(pdf)
    first = next(i for i, t in enumerate(texts) if "Appendix A. Every concession" in t)
    for text in texts[first + 1:]:
        if "Deal " in text:
            assert "Date What Value a year Why In return Terms and notes" in text


def test_the_pdf_is_titled_and_says_what_made_it(long_brief):
    _, pdf, _ = long_brief
    meta = PdfReader(pdf).metadata
    assert meta.title == "Handover brief: Brandt Logistik"
    assert meta.creator == "Handover test"
    assert meta.author == "Anna Keller"


def test_the_contents_give_the_page_each_part_starts_on(long_brief):
    data, pdf, _ = long_brief
    texts = long_texts(pdf)
    # Read the cover as laid out, a contents line at a time: "3   People      2".
    cover = [flat(line) for line in
             PdfReader(pdf).pages[0].extract_text(extraction_mode="layout").splitlines()]
    parts = [(section.title, f"{n}. {section.title}") for n, section in data.sections()]
    parts += [("Findings still open", "Findings still open"), ("Sign-off", "Sign-off"),
              ("Appendix A. Every concession", "Appendix A. Every concession (120)")]
    pages = []
    for title, heading in parts:
        line = next(line for line in cover if re.fullmatch(rf"(\d )?{re.escape(title)} \d+",
                                                          line))
        page = int(line.rsplit(" ", 1)[1])
        assert texts[page - 1].startswith(heading) or f" {heading} " in texts[page - 1]
        assert not any(t.startswith(heading) for t in texts[:page - 1])
        pages.append(page)
    assert pages == sorted(pages) and pages[0] == 2


@pytest.mark.parametrize("size, points", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_the_paper_is_a4_or_letter(brandt_brief, tmp_path, size, points):
    pdf = tmp_path / f"{size}.pdf"
    write_brief_pdf(brandt_brief, pdf, page_size=size)
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points


def test_an_unknown_paper_size_is_refused(brandt_brief, tmp_path):
    with pytest.raises(ValueError, match="A4, Letter"):
        write_brief_pdf(brandt_brief, tmp_path / "x.pdf", page_size="A5")


def test_an_unsigned_handover_says_so_in_every_footer(brandt_brief):
    pdf = brief_pdf_bytes(brandt_brief)
    import io

    for text in (flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages):
        assert "Not signed off" in text


def test_a_change_after_sign_off_shows_on_the_cover_and_in_the_sign_off(tmp_path):
    path = tmp_path / "changed.handover"
    hid = build_workspace(path, signed=True, change_after_signing=True)
    pdf = tmp_path / "changed.pdf"
    write_brief_pdf(brief_of(path, hid), pdf)
    text = " ".join(page_texts(pdf))
    assert "Changed since sign-off" in text
    assert "advice Bring numbers, never slides. \u2192 Changed after sign-off." in text


# ---------------------------------------------------------------- hostile notes


def test_a_hostile_note_neither_runs_nor_links_nor_fetches_anything(brandt_brief, tmp_path):
    pdf = tmp_path / "brief.pdf"
    write_brief_pdf(brandt_brief, pdf, charts={})
    raw = pdf.read_bytes()
    for active in (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/SubmitForm",
                   b"/EmbeddedFile"):
        assert active not in raw
    reader = PdfReader(pdf)
    uris = []
    for page in reader.pages:
        assert not page.images  # no chart given, and nothing a note named was drawn
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                uris.append(str(action.get_object().get("/URI")))
    assert uris and all(u.startswith(("https://", "http://", "mailto:")) for u in uris)
    assert "https://wiki.example/brandt" in uris
    text = " ".join(page_texts(pdf))
    assert SECRET not in text
    # What the writer typed is shown as text, as on screen; none of it acts.
    assert "Open the portal" in text and "see file" in text


def test_the_document_draws_only_the_charts_it_was_given(tmp_path):
    """The second wall: even HTML that names local files and remote images (here set
    directly, past the sanitiser) makes the document read nothing."""
    image = tmp_path / "pixel.png"
    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    picture.save(str(image))
    chart = QImage(40, 20, QImage.Format.Format_RGB32)
    chart.fill(0x00FF00)
    document = BriefDocument({"brief-chart:ok": chart})
    document.setHtml(f'<p><img src="{image.as_uri()}" width="40" height="40">'
                     f'<img src="{image}"><img src="https://tracker.example/p.png">'
                     '<img src="brief-chart:ok" width="40" height="20"></p>')
    document.setTextWidth(400)
    document.documentLayout().documentSize()
    cursor = QTextCursor(document)
    drawn = []
    handler = document.documentLayout().handlerForObject(
        cursor.charFormat().ObjectTypes.ImageObject.value)
    block = document.begin()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if fmt.isImageFormat():
            size = handler.intrinsicSize(document, it.fragment().position(), fmt)
            drawn.append((fmt.toImageFormat().name(), size.width() > 0))
        it += 1
    assert drawn == [(image.as_uri(), False), (str(image), False),
                     ("https://tracker.example/p.png", False), ("brief-chart:ok", True)]


def test_whatever_asks_the_document_for_a_resource_gets_nothing(tmp_path):
    style = tmp_path / "evil.css"
    style.write_text("p { color: red }")
    document = BriefDocument()
    document.setHtml(f'<link rel="stylesheet" href="{style.as_uri()}"><p>text</p>')
    found = document.resource(QTextDocument.ResourceType.ImageResource.value,
                              QUrl(style.as_uri()))
    assert not found
    assert style.as_uri() in document.refused


# ---------------------------------------------------------------- page breaks


def _lines_of_rows(document):
    """For each row of each table at the top level: the y-ranges of its cells' lines."""
    from PySide6.QtGui import QTextTable

    layout = document.documentLayout()
    rows = []
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        for r in range(frame.rows()):
            spans = []
            for c in range(frame.columns()):
                cell = frame.cellAt(r, c)
                block = cell.firstCursorPosition().block()
                last = cell.lastCursorPosition().block()
                while block.isValid():
                    base = layout.blockBoundingRect(block).top()
                    tl = block.layout()
                    for i in range(tl.lineCount()):
                        line = tl.lineAt(i)
                        spans.append((base + line.y(), base + line.y() + line.height()))
                    if block == last:
                        break
                    block = block.next()
            rows.append(spans)
    return rows


def test_no_table_row_and_no_line_is_split_across_pages(long_brief, tmp_path):
    data, _, _ = long_brief
    writer = QPdfWriter(str(tmp_path / "measure.pdf"))
    writer.setPageLayout(page_layout("A4"))
    writer.setResolution(300)
    document = brief_document(data, device=writer)
    document.setTextWidth(2000)
    height = 2400.0
    pages = paginate(document, height).pages
    assert len(pages) > 5
    for a, b in zip(pages, pages[1:], strict=False):
        assert a.bottom <= b.top + 0.5
        assert a.height <= height + 0.5

    def page_of(y):
        return next(i for i, p in enumerate(pages) if p.top - 0.5 <= y < p.bottom + 0.5)

    for spans in _lines_of_rows(document):
        if spans:
            top, bottom = min(s[0] for s in spans), max(s[1] for s in spans)
            assert page_of(top) == page_of(bottom - 1)


def test_a_heading_is_never_the_last_thing_on_a_page(long_brief, tmp_path):
    data, _, _ = long_brief
    writer = QPdfWriter(str(tmp_path / "measure.pdf"))
    writer.setPageLayout(page_layout("A4"))
    writer.setResolution(300)
    document = brief_document(data, device=writer)
    document.setTextWidth(2000)
    pages = paginate(document, 1500.0).pages
    layout = document.documentLayout()
    bottoms = {round(p.bottom) for p in pages}
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and QTextCursor(block).currentTable() is None:
            rect = layout.blockBoundingRect(block)
            assert not any(abs(rect.bottom() - b) < 2 for b in bottoms), block.text()
        block = block.next()


def test_a_page_break_goes_where_the_brief_asks_for_one(brandt_brief, tmp_path):
    pdf = tmp_path / "brief.pdf"
    write_brief_pdf(brandt_brief, pdf)
    texts = page_texts(pdf)
    # The page's own text comes first; its header and footer are painted over it last.
    assert "IN THIS BRIEF" in texts[0] and "1. Account at a glance" not in texts[0]
    assert texts[1].startswith("1. Account at a glance")
    assert sum(t.startswith("Findings still open") for t in texts) == 1
    assert sum(t.startswith("Appendix A. Every concession (12)") for t in texts) == 1
    assert sum("Findings still open" in t for t in texts[1:]) == 1


def test_the_layout_is_in_points_whatever_the_resolution(brandt_brief):
    """Type is set in points: the same brief laid out for 300 and 600 dpi has the same
    number of pages."""
    counts = []
    for dpi in (300, 600):
        writer = QPdfWriter("")
        writer.setPageLayout(page_layout("A4"))
        writer.setResolution(dpi)
        document = brief_document(brandt_brief, device=writer)
        document.setTextWidth(writer.width() * 0.8)
        counts.append(len(paginate(document, writer.height() * 0.8).pages))
        assert document.pageSize() == QSizeF(writer.width() * 0.8, -1)
    assert counts[0] == counts[1]
