"""Markdown notes made into safe HTML (and plain text): one renderer for the screen and the brief.

Notes are typed by people but arrive from anywhere (CRM exports, pasted e-mails), so every
rendered note is treated as hostile: nothing in the output may run, and nothing in it may make
the viewer fetch a resource, local or remote. Two independent walls make that so:

1. python-markdown is told not to pass raw HTML through: the raw-HTML block preprocessor and
   inline pattern are removed, so "<b>hi</b>" reaches the reader as the literal text
   "<b>hi</b>". We escape rather than strip because text that merely looks like a tag
   ("use the <Customer> field", "<3", "<gap>") would otherwise vanish without a trace from
   someone's notes; seeing the characters they typed is the least surprising outcome.
2. nh3 (ammonia) then cleans the result against an explicit allow-list. It is the real gate:
   even if python-markdown or an extension ever emitted something unexpected, only the tags,
   attributes and link schemes listed below survive.

Every link that survives is percent-encoded (`safe_link`): outside a small set of URL
characters everything is written as %XX, above all "(", ")" and "\\". Qt's PDF writer puts an
href into the PDF as a literal string without escaping those, so "http://e/)/S/Launch/F(x)"
would otherwise close the string and add a Launch action of the note writer's choosing.

Images are not rendered at all. Any <img>, whatever its URL, is a fetch the moment the note
is shown (a tracking pixel, a file:// probe, an SMB path that leaks credentials on Windows),
and data: URIs would invite megabytes of base64 into notes that are meant to be words. So
"![alt](url)" becomes its alt text, and the URL is dropped rather than turned into a link.

The renderer is used for every visible note and for briefs with a thousand interactions, so
the Markdown instance is built once (per thread: batch export runs off the GUI thread and a
Markdown instance is not safe to share) and reset between notes.
"""

from __future__ import annotations

import functools
import html
import re
import threading
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor

from handover.domain.records import TEXT_LIMIT

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "LINK_SCHEMES",
    "markdown_to_plain",
    "render_markdown",
    "safe_link",
    "too_costly",
]

# python-markdown's own: tables, fenced code and sane lists are the parts of "extra" a note
# needs; "extra" itself is not used because it brings md_in_html (raw HTML by design),
# attr_list ("{: onclick=...}" on any element) and footnotes (ids that collide once many
# notes share one brief). nl2br because people writing notes expect Enter to start a new line.
EXTENSIONS = ("tables", "fenced_code", "sane_lists", "nl2br")
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}  # align="", not style=""

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "strong", "em", "b", "i", "del", "sup", "sub",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td",
    "a",
})
# "rel" is not listed: nh3 sets it on every link itself (link_rel below).
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "ol": frozenset({"start"}),
}
ALIGNMENTS = {"left", "right", "center"}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# The characters a link keeps as they are: RFC 3986's unreserved and reserved ones, less
# "(", ")" and "'", which end or open a PDF string or an attribute. "%" stays only where it
# already starts an escape.
_LINK_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                       "-._~:/?#[]@!$&*+,;=")
_HEX = frozenset("0123456789abcdefABCDEF")


def safe_link(url: str) -> str | None:
    """`url` percent-encoded so that no reader of it (a browser, a PDF) can take any of its
    characters for syntax; None unless it is an http, https or mailto link."""
    scheme, colon, _ = url.partition(":")
    if not colon or scheme.lower() not in LINK_SCHEMES:
        return None
    out = []
    for i, char in enumerate(url):
        if char in _LINK_SAFE or (char == "%" and url[i + 1:i + 2] in _HEX
                                  and url[i + 2:i + 3] in _HEX):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(out)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return safe_link(value)
    return value


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    # Dropped with their content, not just their tags, should they ever reach the cleaner.
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template",
                        "noscript", "svg", "math", "textarea", "title", "select"},
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    tag_attribute_values={"td": {"align": ALIGNMENTS}, "th": {"align": ALIGNMENTS}},
    url_schemes=set(LINK_SCHEMES),
    # A relative href has no scheme to judge; in an exported brief it would point into the
    # reader's own disk. Notes have no business linking to "../something".
    url_relative="deny",
    link_rel="noopener noreferrer",
    strip_comments=True,
    attribute_filter=_filter_attribute,
)


class _ImagesAsAltText(Treeprocessor):
    """Replace every <img> with its alt text (see the module's note on images)."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index in range(len(parent) - 1, -1, -1):
                image = parent[index]
                if image.tag != "img":
                    continue
                words = (image.get("alt") or "") + (image.tail or "")
                if index == 0:
                    parent.text = (parent.text or "") + words
                else:
                    before = parent[index - 1]
                    before.tail = (before.tail or "") + words
                parent.remove(image)


class _ShiftHeadings(Treeprocessor):
    """Make "#" an <h{top}>, so a note's headings sit below those of the page around it."""

    top = 1

    def run(self, root: etree.Element) -> None:
        shift = self.top - 1
        if shift <= 0:
            return
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1] in "123456":
                element.tag = f"h{min(6, int(element.tag[1]) + shift)}"


class _SafeNotes(Extension):
    """No raw HTML, no images, ~~strikethrough~~, optional heading shift."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(?=\S)(.+?)(?<=\S)~~", "del"),
                                   "strikethrough", 65)
        # After "inline" (20), which creates the <img> elements; before "prettify" (10).
        md.treeprocessors.register(_ImagesAsAltText(md), "images_as_alt_text", 15)
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 14)


_local = threading.local()


def _markdown() -> Markdown:
    md = getattr(_local, "markdown", None)
    if md is None:
        md = Markdown(extensions=[*EXTENSIONS, _SafeNotes()],
                      extension_configs=EXTENSION_CONFIGS, output_format="html")
        _local.markdown = md
    return md


def render_markdown(text: str, *, top_heading: int = 1) -> str:
    """Return `text` (Markdown) as a sanitised HTML fragment, safe to show or export.

    `top_heading` is the level a "#" heading gets (2 makes it <h2>, "##" <h3>, capped at h6):
    a note inside a brief's section should not outrank the section's own title.
    """
    if not text or text.isspace():
        return ""
    if not 1 <= top_heading <= 6:
        raise ValueError(f"top_heading must be between 1 and 6, not {top_heading}")
    return _render(text, top_heading)


# python-markdown looks for the "]" that closes every "[" (and the ")" after every "](")
# by walking the text one character at a time, from the bracket to its match or to the end of
# the paragraph: 16,000 "[" in a row took 25 s. `_link_work` counts those steps in one
# linear pass; past the budget (about 50 ms of python-markdown's time) the note is shown as
# the text it is, escaped, instead. No person's note comes near it: a paragraph of a
# thousand links, each a line long, costs about 100,000.
LINK_WORK_LIMIT = 150_000
QUOTE_DEPTH_LIMIT = 32  # "> > > ..." nested deeper than this costs time, not meaning
# Each emphasis, code span, escape or line break costs python-markdown about 10 us, so a
# note that is mostly such marks (10,000 line breaks: 120 ms) is shown as text too; prose
# of the longest allowed note has about 3,000.
MARKS_LIMIT = 5_000
_MARKS = "\n*_`\\~<&[|"
_BLOCK_END = re.compile(r"\n[ \t]*\n")
_LINK_SYNTAX = re.compile(r"\\.|[\[\]()]", re.DOTALL)
_DEEP_QUOTE = re.compile(rf"^(?:[ \t]*>){{{QUOTE_DEPTH_LIMIT + 1}}}", re.MULTILINE)


def _link_work(text: str) -> int:
    """The characters python-markdown's link patterns will step over to render `text`."""
    work = 0
    for block in _BLOCK_END.split(text):
        brackets: list[int] = []
        parens: list[int] = []  # -1 for a "(" that does not open a link's target
        for match in _LINK_SYNTAX.finditer(block):
            char, at = match.group(), match.start()
            if char == "[":
                brackets.append(at)
            elif char == "]" and brackets:
                work += at - brackets.pop()
            elif char == "(":
                parens.append(at if block[at - 1:at] == "]" else -1)
            elif char == ")" and parens:
                start = parens.pop()
                work += at - start if start >= 0 else 0
            if work > LINK_WORK_LIMIT:
                return work
        end = len(block)
        work += sum(end - at for at in brackets) + sum(end - at for at in parens if at >= 0)
    return work


def too_costly(text: str) -> bool:
    """Whether `text` is shown as plain text: too long, or built to make Markdown slow."""
    return (len(text) > TEXT_LIMIT or _DEEP_QUOTE.search(text) is not None
            or sum(text.count(mark) for mark in _MARKS) > MARKS_LIMIT
            or _link_work(text) > LINK_WORK_LIMIT)


def _plain_html(text: str) -> str:
    paragraphs = (p.strip("\n") for p in _BLOCK_END.split(text))
    return "\n".join(f"<p>{html.escape(p, quote=False).replace(chr(10), '<br />')}</p>"
                      for p in paragraphs if p.strip())


# python-markdown costs about 2 ms for a paragraph-sized note; screens show the same notes
# again and again (a timeline scrolled, an account reopened), so recent results are kept.
@functools.lru_cache(maxsize=2048)
def _render(text: str, top_heading: int) -> str:
    if too_costly(text):
        return _cleaner.clean(_plain_html(text))
    md = _markdown()
    md.reset()
    md.treeprocessors["shift_headings"].top = top_heading
    return _cleaner.clean(md.convert(text))


# ---- plain text, for search snippets and table cells

_BLOCKS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "pre", "table", "thead", "tbody", "tr",
})
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\f\v]+")


class _TextCollector(HTMLParser):
    """The text of an HTML fragment; line breaks come from the tags, as a browser's would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")
        if tag == "pre":
            self._in_pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "pre":
            self._in_pre = max(0, self._in_pre - 1)

    def handle_data(self, data: str) -> None:
        # Outside <pre> a newline in HTML source is only a space.
        self.parts.append(data if self._in_pre else data.replace("\n", " "))


def markdown_to_plain(text: str) -> str:
    """Return what a reader of `text` (Markdown) sees, without formatting: one block a line.

    Emphasis marks, list bullets, heading hashes and link targets go; link and image alt text,
    code and table cells stay. Join the lines with spaces for a one-line snippet.
    """
    collector = _TextCollector()
    collector.feed(render_markdown(text))
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
