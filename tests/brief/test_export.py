"""Exporting briefs to files: each format, one brief or a batch, in the background, with
progress and Cancel, and never a half-written file left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from brandt import brief_of, build_workspace
from pypdf import PdfReader

from handover.brief import export as brief_export
from handover.brief.export import (
    export_batch,
    export_brief,
    file_name,
    write_atomically,
)
from handover.brief.markdown_export import build_brief_markdown, cell, esc, note
from handover.briefs import brief_data, brief_file_name, export_many, export_one
from handover.store import Workspace


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# ---------------------------------------------------------------- Markdown


def test_the_markdown_brief_has_every_section_and_every_concession(brandt_brief):
    text = build_brief_markdown(brandt_brief)
    assert text.startswith("# Handover brief: Brandt Logistik\n")
    for number, section in brandt_brief.sections():
        assert f"\n## {number}. {section.title}\n" in text
    for part in ("## Findings still open", "## Sign-off", "## Appendix A. Every concession"):
        assert f"\n{part}" in text
    for c in brandt_brief.records.concessions:
        assert c.negotiation in text
    assert "| Date | What | Value a year | Why | In return | Terms and notes |" in text


def test_notes_keep_their_markdown_below_the_brief_s_headings(brandt_brief):
    text = build_brief_markdown(brandt_brief)
    assert "At risk after **two outages**" in text
    assert "\n#### A heading in a note" in text
    assert note("# Top\n```\n# not a heading\n```") == "#### Top\n\n    # not a heading"


def test_plain_words_cannot_break_a_table_or_the_emphasis(tmp_path):
    assert cell("a | b\nc") == "a \\| b c"
    assert esc("*not bold* <b>") == "\\*not bold\\* &lt;b\\>"


# ---------------------------------------------------------------- one file


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_one_brief_is_written_whole_in_each_format(brandt_brief, tmp_path, qapp, fmt):
    out = tmp_path / file_name(brandt_brief, fmt)
    assert out.name == f"{brandt_brief.handover.id:04d}-brandt-logistik.{fmt}"
    assert export_brief(brandt_brief, fmt, out) == out
    body = out.read_bytes()
    assert body.startswith({"pdf": b"%PDF-", "html": b"<!DOCTYPE html>",
                            "md": b"# Handover brief"}[fmt])
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_as_it_was_and_no_temporary_file(tmp_path):
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"the brief of last week")

    def fail(temp):
        temp.write_bytes(b"half a bri")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(out, fail)
    assert out.read_bytes() == b"the brief of last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_an_unknown_format_is_refused(brandt_brief, tmp_path):
    with pytest.raises(ValueError, match="pdf, html, md"):
        export_brief(brandt_brief, "docx", tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists() and leftovers(tmp_path) == []


# ---------------------------------------------------------------- batches


@pytest.fixture
def three(tmp_path):
    """Three briefs to export: the Brandt handover, three times over."""
    path = tmp_path / "brandt.handover"
    hid = build_workspace(path)
    data = brief_of(path, hid)
    import dataclasses

    return [lambda n=n: dataclasses.replace(
        data, handover=dataclasses.replace(data.handover, id=n)) for n in (1, 2, 3)]


def test_a_batch_writes_each_brief_and_reports_progress(three, tmp_path, qapp):
    out = tmp_path / "briefs"
    out.mkdir()
    seen = []
    result = export_batch(three, "html", out, progress=lambda *a: seen.append(a))
    assert result.complete and result.total == 3
    assert [p.name for p in result.written] == [
        "0001-brandt-logistik.html", "0002-brandt-logistik.html", "0003-brandt-logistik.html"]
    assert seen == [(0, 3, "Brandt Logistik"), (1, 3, "Brandt Logistik"),
                    (2, 3, "Brandt Logistik"), (3, 3, "")]


def test_cancel_after_the_first_file_keeps_it_whole_and_leaves_nothing_else(three, tmp_path,
                                                                           qapp):
    out = tmp_path / "briefs"
    out.mkdir()
    done = []
    result = export_batch(three, "pdf", out, progress=lambda d, t, a: done.append(d),
                          is_cancelled=lambda: len(list(out.glob("*.pdf"))) >= 1)
    assert result.cancelled and not result.complete
    assert [p.name for p in result.written] == ["0001-brandt-logistik.pdf"]
    assert sorted(p.name for p in out.iterdir()) == ["0001-brandt-logistik.pdf"]
    assert len(PdfReader(result.written[0]).pages) > 1


def test_cancel_while_a_file_is_being_written_discards_that_file(three, tmp_path, qapp):
    out = tmp_path / "briefs"
    out.mkdir()
    asked = []

    def cancelled():  # asked before each brief and once more before it is put in place
        asked.append(1)
        return len(asked) == 4

    result = export_batch(three, "md", out, is_cancelled=cancelled)
    assert result.cancelled
    assert sorted(p.name for p in out.iterdir()) == ["0001-brandt-logistik.md"]


def test_an_error_in_the_middle_of_a_batch_leaves_only_whole_files(three, tmp_path,
                                                                    monkeypatch):
    out = tmp_path / "briefs"
    out.mkdir()
    real = brief_export.render_to
    calls = []

    def second_fails(data, fmt, path, **kw):
        calls.append(path)
        if len(calls) == 2:
            path.write_text("# half")
            raise RuntimeError("the printer caught fire")
        return real(data, fmt, path, **kw)

    monkeypatch.setattr(brief_export, "render_to", second_fails)
    with pytest.raises(RuntimeError, match="caught fire"):
        export_batch(three, "md", out)
    assert sorted(p.name for p in out.iterdir()) == ["0001-brandt-logistik.md"]


def test_a_batch_into_a_missing_folder_is_refused(three, tmp_path):
    with pytest.raises(NotADirectoryError):
        export_batch(three, "md", tmp_path / "nowhere")


# ---------------------------------------------------------------- from a workspace


def test_one_handover_is_exported_from_its_workspace(brandt, tmp_path, qapp):
    path, hid = brandt
    with Workspace.open(path, read_only=True) as ws:
        name = brief_file_name(ws, hid, "pdf")
        out = export_one(ws, hid, "pdf", tmp_path / name, page_size="Letter")
        data = brief_data(ws, hid)
    assert name == f"{hid:04d}-brandt-logistik.pdf" == file_name(data, "pdf")
    reader = PdfReader(out)
    assert reader.metadata.title == "Handover brief: Brandt Logistik"
    assert round(float(reader.pages[0].mediabox.width)) == 612


def test_the_batch_runs_on_a_worker_thread_beside_the_gui_s_own_connection(tmp_path, qapp):
    path = tmp_path / "team.handover"
    hid = build_workspace(path)
    out = tmp_path / "briefs"
    out.mkdir()
    results, errors, progress = [], [], []
    cancel = threading.Event()

    def work():
        try:
            results.append(export_many(path, [hid, hid], "pdf", out,
                                       progress=lambda *a: progress.append(a),
                                       is_cancelled=cancel.is_set))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)

    with Workspace.open(path, user="Anna Keller"):  # the GUI holds the file meanwhile
        worker = threading.Thread(target=work)
        worker.start()
        worker.join(timeout=60)
    assert not errors and results[0].complete
    assert [p.name for p in results[0].written] == ["0001-brandt-logistik.pdf"] * 2
    assert progress[-1] == (2, 2, "")
    assert leftovers(out) == []


def test_the_brief_draws_its_own_two_charts_sharp_enough_to_print(brandt_brief, qapp,
                                                                  tmp_path):
    from handover.brief.charts import brief_charts

    charts = brief_charts(brandt_brief)  # what every brief gets, the window's and the CLI's
    assert set(charts) == {"sentiment", "discounts"}
    assert charts["discounts"].width() == 640 * 3
    out = export_brief(brandt_brief, "pdf", tmp_path / "brief.pdf", charts=charts)
    assert sum(len(p.images) for p in PdfReader(out).pages) == 2


def test_handover_export_draws_its_brief_without_any_of_the_screens_code(brandt, tmp_path):
    path, hid = brandt
    out = tmp_path / "brief.pdf"
    # A fresh interpreter, so that nothing another test loaded counts.
    script = (
        "import sys\n"
        "from handover.cli import main\n"
        f"code = main(['export', {str(path)!r}, '--handover', '{hid}', '-o', {str(out)!r}])\n"
        "screens = ('handover.ui', 'PySide6.QtWidgets', 'PySide6.QtCharts')\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(screens)))\n")
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert ran.stdout.splitlines()[-1] == "0 []", ran.stderr
    assert sum(len(p.images) for p in PdfReader(out).pages) == 2  # both charts, drawn
