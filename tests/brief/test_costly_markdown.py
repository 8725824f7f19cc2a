"""A note built to make Markdown slow (thousands of "[" or "![" in a row, quotes nested
thousands deep) is shown as the text it is, escaped, instead of taking seconds per render;
ordinary notes, however long, still render as Markdown. The times are in
benchmarks/markdown_bench.py, not here."""

from __future__ import annotations

import pytest

from handover.brief.markdown import render_markdown, too_costly
from handover.domain.records import TEXT_LIMIT

PATHOLOGICAL = {
    "open brackets": "[" * 16_000,
    "open images": "![" * 8_000,
    "links never closed": "[a](" * 4_000,
    "angle links never closed": "[x](<" * 3_000,
    "quotes nested deep": "> " * 5_000 + "<b>x</b>",
    "line breaks": "a\n" * 8_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_a_note_built_to_be_slow_is_shown_as_its_escaped_text(name):
    text = PATHOLOGICAL[name] + " <script>x</script>"
    assert too_costly(text)
    html = render_markdown(text)
    assert html.startswith("<p>") and "<a" not in html and "<blockquote>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_a_long_ordinary_note_with_many_links_still_renders_as_markdown():
    paragraph = ("We met [Weber](https://wiki.example/weber) about the **renewal**; see "
                 "[the minutes](https://wiki.example/minutes) and `ticket-42`.\n\n")
    text = (paragraph * 200)[:TEXT_LIMIT]
    assert not too_costly(text)
    html = render_markdown(text)
    assert html.count('<a href="https://wiki.example/weber"') >= 100
    assert "<strong>renewal</strong>" in html


def test_a_note_longer_than_any_record_allows_is_shown_as_text():
    text = "**bold** " * (TEXT_LIMIT // 9 + 1)
    assert len(text) > TEXT_LIMIT
    assert "<strong>" not in render_markdown(text)
