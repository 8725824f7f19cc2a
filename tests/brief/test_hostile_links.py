"""A note whose links are built to break out of the PDF: Qt's PDF writer does not escape a
link's ")" or "\\", so an unencoded href could close its string and add a Launch or
JavaScript action. Read back with pypdf, every link of the brief is the percent-encoded
web or mail link it was, and the PDF holds no action but /URI."""

from __future__ import annotations

import dataclasses
import re

import pytest
from brandt import brief_of, build_workspace
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from handover.brief.markdown import render_markdown, safe_link
from handover.brief.pdf import write_brief_pdf
from handover.domain.records import Contact
from handover.store import Workspace

pytestmark = pytest.mark.usefixtures("qapp")

# What a hostile note writes, and the link it must come out as (None: no link at all).
PAYLOADS = [
    ("[x](<http://e/)/S/Launch/F(calc.exe>)", "http://e/%29/S/Launch/F%28calc.exe"),
    ("[x](<http://e/)/S/JavaScript/JS(app.alert(1)>)",
     "http://e/%29/S/JavaScript/JS%28app.alert%281%29"),
    ("[x](<http://e/)>>/A<</S/JavaScript/JS(app.alert(2)>)", None),  # "<" ends <...>
    ("[x](<http://e/\\\\)/S/Launch>)", "http://e/%5C%29/S/Launch"),
    ("[x](http://e/\\\\)/S/Launch/F(calc.exe))", "http://e/%5C"),
    ("<http://e/)/S/Launch/F(calc.exe)>", "http://e/%29/S/Launch/F%28calc.exe%29"),
    ("<https://e/\\\\)/S/Launch>", "https://e/%5C%29/S/Launch"),
    ("[r][ref]\n\n[ref]: <http://e/)/S/Launch/F(calc.exe)>",
     "http://e/%29/S/Launch/F%28calc.exe%29"),
    ("[m](<mailto:a@b.example?subject=)/S/Launch/F(calc.exe>)",
     "mailto:a@b.example?subject=%29/S/Launch/F%28calc.exe"),
    ("[s](<http://e/a b)/S/Launch>)", "http://e/a%20b%29/S/Launch"),
    ("[u](<http://e/\u00fc)\u00e9>)", "http://e/%C3%BC%29%C3%A9"),
    ("[t](<http://e/\t)\x0b/S/Launch>)", "http://e/%20%20%29%0B/S/Launch"),  # a tab is 2 spaces
    ("[p](http://e/%29/S/Launch/F%28calc.exe%29)", "http://e/%29/S/Launch/F%28calc.exe%29"),
    ("[n](http://e/50%)", "http://e/50%25"),
    ("[w](https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_%28bar%29"),
    ("[q](<http://e/'>)", "http://e/%27"),
    ("[j](javascript:app.launchURL(1))", None),
    ("[f](<file:///C:/Windows/System32/calc.exe>)", None),
    ("[v](<vbscript:msgbox(1)>)", None),
    ('[h](http://e/ "title)/S/Launch")', "http://e/"),
    ("<a href='http://e/)/S/Launch/F(calc.exe)'>raw</a>", None),
]


def hostile_brief(tmp_path):
    """The Brandt brief, with every payload in Jan Brandt's notes, one a paragraph."""
    path = tmp_path / "brandt.handover"
    hid = build_workspace(path)
    with Workspace.open(path) as ws:
        jan = next(c for c in ws.all(Contact) if c.name == "Jan Brandt")
        ws.update(dataclasses.replace(jan, notes="\n\n".join(p for p, _ in PAYLOADS)))
    return brief_of(path, hid)


def _walk(obj, seen: set, found: list) -> None:
    """Every dictionary reachable from `obj`, each once."""
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        found.append(obj)
        for value in obj.values():
            _walk(value, seen, found)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            _walk(value, seen, found)


def test_every_link_of_a_hostile_note_stays_a_percent_encoded_web_link(tmp_path):
    pdf = tmp_path / "brief.pdf"
    write_brief_pdf(hostile_brief(tmp_path), pdf, charts={})

    reader = PdfReader(pdf, strict=True)  # a string that broke out would fail the parse
    dictionaries: list = []
    _walk(reader.trailer, set(), dictionaries)
    actions = [d for d in dictionaries if "/S" in d]
    assert {str(a["/S"]) for a in actions} == {"/URI"}
    assert not [d for d in dictionaries if "/JS" in d or "/JavaScript" in d or "/F" in d
                and "/S" in d]
    assert "/OpenAction" not in reader.trailer["/Root"]

    uris = {str(a["/URI"]) for a in actions}
    for uri in uris:
        assert re.fullmatch(r"(https?|mailto):[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]*", uri), uri
    expected = {link for _, link in PAYLOADS if link is not None}
    assert expected <= uris
    assert uris - expected == {"https://wiki.example/brandt"}  # Dr. Weber's own link


@pytest.mark.parametrize("note, link", PAYLOADS)
def test_a_hostile_link_renders_encoded_or_not_at_all(note, link):
    html = render_markdown(note)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ([link] if link else [])


def test_only_web_and_mail_links_are_kept():
    assert safe_link("HTTPS://e/x") == "HTTPS://e/x"
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "e/x",
                "//e/x", "ftp://e/x"):
        assert safe_link(url) is None
