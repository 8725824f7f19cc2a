"""The brief as HTML, as a team lead opens the exported file in a browser: every part of the
handover, notes rendered as on screen, and nothing that runs or reaches out."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import pytest
from brandt import SECRET, brief_of, build_workspace

from handover.brief.charts import brief_charts
from handover.brief.data import BriefData, slug
from handover.brief.html import build_brief_html
from handover.brief.markdown import render_markdown
from handover.brief.markup import CHART_URL, note, stylesheet
from handover.domain.checker import day
from handover.domain.words import money


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture
def exported(brandt_brief, qapp) -> str:
    return build_brief_html(brandt_brief, charts=brief_charts(brandt_brief), for_print=False)


def test_the_export_stands_alone_with_its_stylesheet_and_title(exported, brandt_brief):
    page = parse(exported)
    tags = [tag for tag, _ in page.elements]
    assert tags.count("style") == 1 and stylesheet().strip()[:40] in exported
    assert "<title>Handover brief: Brandt Logistik</title>" in exported
    assert "link" not in tags  # no stylesheet or anything else fetched from elsewhere


def test_the_charts_are_embedded_as_png_data(exported):
    sources = [attrs.get("src") for tag, attrs in parse(exported).elements if tag == "img"]
    assert len(sources) == 2
    for src in sources:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_printed_brief_names_its_charts_for_the_pdf_to_supply(brandt_brief, qapp):
    html = build_brief_html(brandt_brief, charts=brief_charts(brandt_brief), for_print=True)
    sources = {attrs["src"] for tag, attrs in parse(html).elements if tag == "img"}
    assert sources == {CHART_URL.format("sentiment"), CHART_URL.format("discounts")}
    assert "<style>" not in html  # the PDF's document gets it as its default stylesheet


def test_without_charts_there_are_no_images(brandt_brief):
    html = build_brief_html(brandt_brief, charts=None, for_print=False)
    assert not [tag for tag, _ in parse(html).elements if tag == "img"]


def test_a_hostile_note_cannot_run_or_fetch_anything(exported):
    page = parse(exported)
    for tag, attrs in page.elements:
        assert tag not in {"script", "iframe", "object", "embed", "link", "form", "base",
                           "meta"} or (tag == "meta" and "http-equiv" not in attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name == "src":
                assert value.startswith("data:image/png;base64,")
            if name == "href":
                assert value.startswith(("https://", "http://", "mailto:", "#")), value
            if name == "style":
                assert "url(" not in value
    lowered = exported.lower()
    assert "<script" not in lowered and "javascript:" not in lowered
    assert "<iframe" not in lowered and SECRET not in exported
    assert 'href="https://wiki.example/brandt"' in exported


def test_notes_are_rendered_exactly_as_on_screen(exported, brandt_brief):
    weber = next(c for c in brandt_brief.records.contacts if c.name == "Dr. Weber")
    assert render_markdown(weber.notes, top_heading=4) in exported
    assert note("# A heading in a note") == "<h4>A heading in a note</h4>"
    assert "<h4>A heading in a note</h4>" in exported
    assert "<strong>two outages</strong>" in exported


def test_names_typed_by_people_are_escaped(tmp_path, qapp):
    path = tmp_path / "evil.handover"
    hid = build_workspace(path)
    from handover.domain.records import Account
    from handover.store import Workspace

    with Workspace.open(path) as ws:
        account = ws.all(Account)[0]
        import dataclasses

        ws.update(dataclasses.replace(
            account, name='Evil <img src=x onerror="alert(1)"> & Co',
            health_reason="<script>alert('x')</script>"))
    html = build_brief_html(brief_of(path, hid), for_print=False)
    assert "Evil &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co" in html
    assert "<img src=x" not in html and "<script>" not in html


def test_every_part_of_the_handover_is_in_the_brief(exported, brandt_brief):
    text = " ".join(" ".join(parse(exported).text).split())
    for number, section in brandt_brief.sections():
        assert f"{number}. {section.title}" in text
    for part in ("Findings still open", "Sign-off", "Appendix A. Every concession (12)",
                 "Stakeholders (2)", "Key events", "What we owe the customer (1 open)",
                 "Questions on this section (1)", "Who decides on price?",
                 "Waiting for an answer."):
        assert part in text
    for c in brandt_brief.records.concessions:
        assert c.negotiation in text and day(c.date) in text


def test_the_cover_says_status_health_score_and_who(exported, brandt_brief):
    text = " ".join(" ".join(parse(exported).text).split())
    assert "Brandt Logistik" in text and "AT RISK" in text and "In review" in text
    assert f"{brandt_brief.check.score}%" in text
    assert "Anna Keller" in text and "Tom Berger" in text and "Lena Vogt" in text
    assert "1 influential person against us: Dr. Weber (CFO, hostile)." in text
    assert "Not signed off" in text


def test_the_contents_link_to_each_part_in_the_export(exported, brandt_brief):
    page = parse(exported)
    ids = {attrs.get("id") for _, attrs in page.elements if attrs.get("id")}
    links = {attrs["href"][1:] for tag, attrs in page.elements
             if tag == "a" and attrs.get("href", "").startswith("#")}
    assert links == ids
    assert len(links) == len(brandt_brief.sections()) + 3


def test_a_signed_brief_shows_the_hash_and_that_it_still_holds(tmp_path):
    path = tmp_path / "signed.handover"
    hid = build_workspace(path, signed=True)
    data = brief_of(path, hid)
    html = build_brief_html(data, for_print=False)
    assert data.handover.signoff_hash in html
    assert "Unchanged since sign-off" in html
    assert "Tom Berger" in html and "27 Feb 2026, 16:30" in html


def test_what_an_older_template_left_in_the_answers_is_still_shown(brandt_brief):
    import dataclasses

    answers = dict(brandt_brief.handover.answers)
    answers["story"] = {"text": "Written under the old template."}
    handover = dataclasses.replace(brandt_brief.handover, answers=answers)
    data = BriefData.build(brandt_brief.template, handover, brandt_brief.records,
                           brandt_brief.questions, today=brandt_brief.today)
    html = build_brief_html(data, for_print=False)
    assert "Written under the old template." in html


def test_words_and_numbers_read_as_people_write_them():
    assert money(9_800_000, "EUR", compact=True) == "\u20ac9.8m"
    assert money(320_000, "GBP", compact=True) == "\u00a3320k"
    assert money(12_500, "CHF") == "CHF\u00a012,500"
    assert slug("M\u00fcller & S\u00f6hne GmbH") == "muller-sohne-gmbh"
    assert slug("\u4e2d\u6587") == "account"
    assert re.fullmatch(r"[a-z0-9-]+", slug("Northwind Logistics / EMEA (2026)"))
