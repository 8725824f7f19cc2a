"""An attacker's markup in notes, answers, summaries and names does not come alive in the
Markdown brief: a reader opening the file in a renderer that passes raw HTML through (here
python-markdown with its defaults, as many viewers are) gets no script, frame, image, event
handler or non-web link, only the words."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import markdown
from brandt import brief_of, build_workspace
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_markdown import HOSTILE_PIECES

from handover.brief.markdown_export import build_brief_markdown, cell, esc, note
from handover.domain.handover import Handover
from handover.domain.records import Concession, Contact, Interaction
from handover.store import Workspace

FRAGMENTS = [
    "<script>alert('md')</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="file:///home/ana/secret.png">',
    '<iframe src="https://evil.example/frame"></iframe>',
    "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    '<a href="javascript:alert(1)">raw link</a>',
    "<a href='https://evil.example'>raw web link</a>",
    "<object data=evil.swf></object>",
    "<style>body{display:none}</style>",
    "<!-- hidden --><b onmouseover=alert(1)>bold</b>",
    "[click](javascript:alert(document.cookie))",
    "[click](<javascript:alert(1)>)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[file](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "![pixel](https://tracker.example/p.png)",
    "![x](x\" onerror=\"alert(1))",
    "[ref][evil]\n\n[evil]: javascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</script>",
    "`<script>in code</script>`",
]
HOSTILE = "\n\n".join(FRAGMENTS)
LIVE_TAGS = {"script", "iframe", "img", "svg", "object", "embed", "style", "details",
             "link", "meta", "form", "input", "base", "b"}


class _Live(HTMLParser):
    """What a browser would act on in rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in LIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src") and not (value or "").startswith(
                    ("https://", "http://", "mailto:")):
                self.found.append(f"{tag} {name}={value}")
            if name == "href" and "evil.example" in (value or ""):
                self.found.append(f"raw link {value}")


def live_markup(md_text: str) -> list[str]:
    parser = _Live()
    parser.feed(markdown.markdown(md_text, extensions=["tables"]))
    parser.close()
    return parser.found


def test_a_hostile_brief_in_markdown_has_nothing_live_in_a_permissive_viewer(tmp_path):
    path = tmp_path / "brandt.handover"
    hid = build_workspace(path)
    with Workspace.open(path) as ws:
        jan = next(c for c in ws.all(Contact) if c.name == "Jan Brandt")
        ws.update(dataclasses.replace(jan, name="<img src=x onerror=alert('name')>",
                                      title="<script>t()</script>", notes=HOSTILE,
                                      advice="<iframe src=x></iframe>"))
        first = ws.all(Interaction)[0]
        ws.update(dataclasses.replace(first, summary=HOSTILE))
        concession = ws.all(Concession)[0]
        ws.update(dataclasses.replace(concession, notes=HOSTILE,
                                      negotiation="<svg onload=alert(2)>"))
        handover = ws.get(Handover, hid)
        answers = {**handover.answers,
                   "glance": {"summary": HOSTILE},
                   "people": {"meet_first": "\n".join(f.replace("\n", " ")
                                                      for f in FRAGMENTS)}}
        ws.update(dataclasses.replace(handover, answers=answers))
    text = build_brief_markdown(brief_of(path, hid))

    assert live_markup(text) == []
    # The reader still sees what was written, as text.
    shown = markdown.markdown(text, extensions=["tables"])
    assert "&lt;script&gt;alert('md')&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=alert('name')&gt;" in shown
    assert "<code>&lt;script&gt;in code&lt;/script&gt;</code>" in shown


def test_each_fragment_alone_is_inert_and_a_web_link_survives_encoded():
    for fragment in FRAGMENTS:
        assert live_markup(note(fragment)) == [], fragment
    assert note("[wiki](https://e.example/a_(b))") == "[wiki](https://e.example/a_%28b%29)"
    assert note("**bold** and *em*\n\n- one\n- two") == "**bold** and *em*\n\n- one\n- two"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HOSTILE_PIECES), max_size=40).map("".join))
def test_no_arrangement_of_hostile_pieces_comes_alive_in_the_markdown_brief(text):
    assert live_markup(note(text)) == []
    assert live_markup(esc(text)) == []
    assert live_markup(f"| a |\n|---|\n| {cell(text)} |") == []


def test_code_is_written_indented_so_a_reader_without_fenced_code_shows_it_as_code():
    # Hypothesis found it: a note "    <script>" came back as a fenced block, and a reader
    # that knows no fences (python-markdown's default) ran the line between them as HTML.
    assert note("    <script>") == "    <script>"
    assert live_markup(note("    <script>alert(1)</script>")) == []
