"""The small HTML pieces every part of the brief is built from: escaping, notes, the
stylesheet, tables, charts and the words for counts and days."""

from __future__ import annotations

import base64
import html
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from handover.brief.markdown import render_markdown

# Charts the brief shows, by key, with their size in the document (px at 96 dpi: the full
# width of an A4 or Letter page's text) and what they show, for those who cannot see them.
CHARTS = {
    "sentiment": (640, 200, "How the customer felt, month by month"),
    "discounts": (640, 230, "Discounts given over time against the policy"),
}
# In a printed brief, the contents' page-number cell of a part holds an anchor named
# TOC_PREFIX + the part's heading; the PDF code writes the page of that heading there.
TOC_PREFIX = "toc:"
CHART_URL = "brief-chart:{}"  # the resource name a chart has in a printed document
NOTE_HEADING = 4  # a "#" in a note is an <h4>: below the brief's own headings
DOT = "\u25cf"
NONE = '<span class="muted">\u2014</span>'  # an empty cell


def e(text: object) -> str:
    """Text made safe to place in HTML, quotes included."""
    return html.escape(str(text), quote=True)


def stylesheet_path() -> Path:
    """resources/brief.css: beside the package in a source tree, under sys._MEIPASS in a
    PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "resources" / "brief.css"


@cache
def stylesheet() -> str:
    return stylesheet_path().read_text(encoding="utf-8")


def note(text: str) -> str:
    """A Markdown note as sanitised HTML, as the screens render it."""
    # Qt, unlike a browser, shows the newline that ends every code block as an empty line.
    return render_markdown(text, top_heading=NOTE_HEADING).replace("\n</code></pre>",
                                                                   "</code></pre>")


def png_bytes(image: QImage | bytes) -> bytes:
    if isinstance(image, (bytes, bytearray)):
        return bytes(image)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def badge(css: str, text: str) -> str:
    return f'<span class="badge {css}">&nbsp;{e(text)}&nbsp;</span>'


def part_heading(heading_html: str, target: str, css: str, for_print: bool) -> str:
    # Anchors would split a heading's text into pieces in the PDF, so only the HTML export
    # (where the contents link to them) gets ids.
    where = "" if for_print else f' id="{target}"'
    klass = f' class="{css}"' if css else ""
    return f"<h1{klass}{where}>{heading_html}</h1>"


def pairs_table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f'<tr><td class="key">{e(k)}</td><td>{e(v)}</td></tr>' for k, v in rows)
    return f'<table class="pairs" cellspacing="0">{cells}</table>'


def record_table(headers: list[tuple[str, str]], rows: list[str], css: str = "grid") -> str:
    """A table of records whose header row repeats on every page it spans; `headers` are
    (label, width) and `rows` the <tr>s."""
    head = "".join(f'<th width="{w}"{" class=right" if label.endswith(" ") else ""}>'
                   f"{e(label.strip())}</th>" for label, w in headers)
    return (f'<table class="{css}" width="100%" cellspacing="0" cellpadding="4">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def table_row(index: int, cells: list[str]) -> str:
    alt = ' class="alt" bgcolor="#f7f9fc"' if index % 2 else ""
    return f"<tr{alt}>{''.join(cells)}</tr>"


def chart_image(key: str, charts, for_print: bool) -> str:
    image = charts.get(key)
    if image is None or key not in CHARTS:
        return ""
    width, height, alt = CHARTS[key]
    if for_print:
        src = CHART_URL.format(key)
    else:
        src = "data:image/png;base64," + base64.b64encode(png_bytes(image)).decode("ascii")
    return (f'<p class="chart"><img src="{e(src)}" width="{width}" height="{height}" '
            f'alt="{e(alt)}"></p>')


def dots(n: int) -> str:
    return (f'<span class="dots">{DOT * n}</span>'
            f'<span class="dots-off">{DOT * (5 - n)}</span>')


def count_of(n: int, noun: str, plural: str = "") -> str:
    """"1 error", "3 errors"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def days_ago(days: int) -> str:
    if days <= 0:
        return "today" if days == 0 else "in the future"
    return "yesterday" if days == 1 else f"{days:,} days ago"
