"""Briefs from the Team review: a batch export of all or of the chosen handovers with its
progress and Cancel (a cancelled batch leaves only whole files), the choice of folder,
format and paper, and the preview of one brief in QtPdf's view with its Save buttons."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPdf import QPdfDocument

from handover import briefs
from handover.brief.charts import brief_charts
from handover.brief.export import TEMP_SUFFIX
from handover.briefs import brief_data
from handover.demo import DEMO_TODAY, write_demo
from handover.settings import BRIEF_PAGE_SIZE
from handover.store import Workspace
from handover.ui.editors.brief_preview import PreviewDialog
from handover.ui.editors.export_dialog import (
    BatchExportDialog,
    ExportChoice,
    ExportOptionsDialog,
    brief_page_size,
)
from handover.ui.handovers.team_review import TeamReviewPage
from handover.ui.shell import dialogs, tasks
from handover.ui.shell.session import Session

A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch):
    def unexpected(name):
        def ask(*args, **kwargs):
            raise AssertionError(f"the program asked {name}, which this test did not expect")
        return ask
    for name in ("ask_export_options", "ask_export_folder", "ask_brief_save_path",
                 "preview_brief", "confirm"):
        monkeypatch.setattr(dialogs, name, unexpected(name))


@pytest.fixture(scope="module")
def _demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    write_demo(path, accounts=40, seed=1)  # eight handovers, every status
    return path


@pytest.fixture
def session(tmp_path, _demo_template):
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, path)
    ws = Workspace.open(path, user="Katrin Vogel")
    yield Session(ws)
    ws.close()


@pytest.fixture
def page(qtbot, session, settings):
    page = TeamReviewPage(settings, today=lambda: DEMO_TODAY)
    qtbot.addWidget(page)
    page.resize(1080, 760)
    page.show()
    page.set_session(session)
    yield page
    page.set_session(None)


@pytest.fixture
def real_threads(monkeypatch):
    """Background work on a worker thread, as in the program."""
    monkeypatch.setattr(tasks, "RUN_INLINE", False)


def answer_export(monkeypatch, folder: Path, fmt: str = "pdf", page_size: str = "A4"):
    """The user chooses `folder`, `fmt` and `page_size` in the export dialog; what the
    dialog was asked is kept."""
    asked = []

    def ask(parent, count, *, folder=None, fmt="pdf", page_size="A4"):
        asked.append({"count": count, "folder": folder, "fmt": fmt, "page_size": page_size})
        chosen.mkdir(parents=True, exist_ok=True)
        return ExportChoice(chosen, chosen_fmt, chosen_size)

    chosen, chosen_fmt, chosen_size = folder, fmt, page_size
    monkeypatch.setattr(dialogs, "ask_export_options", ask)
    return asked


def whole_pdfs(folder: Path) -> list[str]:
    """The PDFs in `folder`, each read through to its last page (a half-written one would
    not read)."""
    names = sorted(p.name for p in folder.iterdir())
    for name in names:
        assert not name.endswith(TEMP_SUFFIX), f"a temporary file was left: {name}"
        assert len(PdfReader(folder / name).pages) > 0
    return names


def page_points(path: Path) -> tuple[int, int]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


# ---------------------------------------------------------------- a batch


def test_exporting_all_writes_a_whole_pdf_for_every_handover(qtbot, page, session, settings,
                                                              tmp_path, monkeypatch):
    folder = tmp_path / "briefs"
    asked = answer_export(monkeypatch, folder, page_size="Letter")
    total = len(page.shown_ids())
    assert total == 8
    seen = []
    page.export_started.connect(
        lambda dialog: dialog.progressed.connect(lambda *args: seen.append(args)))
    messages = []
    page.status_message.connect(messages.append)

    page.export_all_button.click()

    assert asked == [{"count": 8, "folder": None, "fmt": "pdf", "page_size": "A4"}]
    dialog = page.export_dialog
    assert dialog.result is not None and dialog.result.complete
    names = whole_pdfs(folder)
    assert len(names) == 8
    assert names == sorted(p.name for p in dialog.result.written)
    assert all(page_points(folder / name) == LETTER_POINTS for name in names)
    # progress went brief by brief, each with its account, and then to the end
    assert [done for done, _total, _account in seen] == list(range(9))
    assert seen[0][2] == page.shown_rows()[0].account and seen[-1] == (8, 8, "")
    assert dialog.outcome_text() == f"Export finished 8 PDF briefs written to {folder}."
    assert dialog.close_button.isVisibleTo(dialog) and not dialog.cancel_button.isVisibleTo(
        dialog)
    assert messages == [f"8 PDF briefs written to {folder}"]
    # the paper chosen is kept for next time, and offered next time
    assert settings.get(BRIEF_PAGE_SIZE) == "Letter"
    dialog.accept()
    asked = answer_export(monkeypatch, folder)
    page.table.selectRow(0)
    page.export_selected_button.click()
    assert asked[0]["page_size"] == "Letter" and asked[0]["folder"] == folder


def test_cancelling_after_the_first_brief_leaves_only_whole_files(qtbot, page, tmp_path,
                                                                   monkeypatch):
    folder = tmp_path / "briefs"
    answer_export(monkeypatch, folder)

    def cancel_after_first(dialog: BatchExportDialog) -> None:
        def progressed(done, _total, _account):
            if done == 1:  # the first brief is in place; the second is being written
                dialog.cancel_button.click()
        dialog.progressed.connect(progressed)

    page.export_started.connect(cancel_after_first)
    page.export_all_button.click()

    dialog = page.export_dialog
    assert dialog.result.cancelled and len(dialog.result.written) == 1
    assert whole_pdfs(folder) == [dialog.result.written[0].name]
    assert dialog.outcome_text() == (f"Export cancelled 1 of 8 PDF briefs written to {folder}, "
                                     "each one complete; the rest were not written.")
    assert page.export_all_button.isEnabled()  # another export may start


def test_the_window_stays_responsive_while_a_batch_runs_on_a_worker(
        qtbot, page, tmp_path, monkeypatch, real_threads):
    folder = tmp_path / "briefs"
    answer_export(monkeypatch, folder, fmt="html")
    threads, ticks = [], []
    real_export_many = briefs.export_many

    def on_worker(*args, **kwargs):
        threads.append(threading.get_ident())
        return real_export_many(*args, **kwargs)

    monkeypatch.setattr(briefs, "export_many", on_worker)
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    started, finished = [], []

    def follow(dialog: BatchExportDialog) -> None:
        started.append(dialog)
        dialog.export_finished.connect(finished.append)  # before the work starts

    page.export_started.connect(follow)
    page.export_all_button.click()
    dialog = started[0]
    assert dialog.running and not page.export_all_button.isEnabled()
    assert not finished  # the click came back at once; the briefs are being written
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    timer.stop()
    assert threads and threads[0] != threading.get_ident()
    assert ticks  # the main thread went on with its events meanwhile
    assert len([p for p in folder.iterdir() if p.suffix == ".html"]) == 8
    assert page.export_all_button.isEnabled()


def test_exporting_the_chosen_handovers_as_markdown(qtbot, page, tmp_path, monkeypatch):
    folder = tmp_path / "notes"
    asked = answer_export(monkeypatch, folder, fmt="md")
    chosen = page.shown_ids()[2:4]
    page.select_ids(chosen)
    page.export_selected_button.click()
    assert asked[0]["count"] == 2
    written = sorted(p.name for p in folder.iterdir())
    assert [int(name[:4]) for name in written] == sorted(chosen)
    assert all(name.endswith(".md") for name in written)


def test_a_batch_that_fails_says_why_and_what_was_written(qtbot, session, tmp_path,
                                                           monkeypatch):
    def broken(*args, progress=None, **kwargs):
        progress(0, 3, "Northwind Logistics")
        progress(1, 3, "Brightwater Utilities")
        raise OSError("No space left on device")

    monkeypatch.setattr(briefs, "export_many", broken)
    dialog = BatchExportDialog(session.ws.path, [1, 2, 3], ExportChoice(tmp_path))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.export_failed) as failed:
        dialog.start()
    assert failed.args == ["No space left on device"]
    assert dialog.heading.text() == "Export stopped"
    assert (f"1 of 3 briefs were written to {tmp_path} before it stopped"
            in dialog.progress_label.text())
    assert not dialog.running and dialog.close_button.isVisibleTo(dialog)


def test_closing_the_progress_dialog_while_it_runs_cancels_the_batch(qtbot, session,
                                                                     tmp_path):
    dialog = BatchExportDialog(session.ws.path, [1, 2], ExportChoice(tmp_path))
    qtbot.addWidget(dialog)
    dialog._running = True  # as while the worker writes
    dialog.reject()
    assert dialog._cancel.is_set() and not dialog.cancel_button.isEnabled()
    assert dialog.progress_label.text().startswith("Cancelling")
    dialog._running = False


# ---------------------------------------------------------------- where and how


def test_the_export_dialog_makes_the_folder_and_offers_paper_only_for_pdf(qtbot, tmp_path,
                                                                        monkeypatch):
    dialog = ExportOptionsDialog(8, folder=tmp_path / "new" / "briefs", fmt="pdf",
                                 page_size="Letter")
    qtbot.addWidget(dialog)
    assert dialog.page_size_box.currentText() == "Letter" and dialog.page_size_box.isEnabled()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    assert not dialog.page_size_box.isEnabled()

    dialog.folder_edit.setText("")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Choose the folder the briefs go into."

    monkeypatch.setattr(dialogs, "ask_export_folder",
                        lambda parent, directory: tmp_path / "new" / "briefs")
    dialog._choose_folder()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (tmp_path / "new" / "briefs").is_dir()
    assert dialog.choice() == ExportChoice(tmp_path / "new" / "briefs", "md", "Letter")


def test_the_paper_size_setting_is_a4_unless_set_to_letter(settings):
    assert brief_page_size(settings) == "A4"
    settings.set(BRIEF_PAGE_SIZE, "Letter")
    assert brief_page_size(settings) == "Letter"
    settings.set(BRIEF_PAGE_SIZE, "Tabloid")  # not a size the brief knows
    assert brief_page_size(settings) == "A4"
    assert brief_page_size(None) == "A4"


# ---------------------------------------------------------------- the preview


@pytest.fixture
def brief(session):
    first = session.ws.db.execute("SELECT min(id) FROM handovers").fetchone()[0]
    return brief_data(session.ws, first, today=DEMO_TODAY)


def test_the_preview_shows_the_brief_as_it_will_print(qtbot, brief, settings):
    dialog = PreviewDialog(brief, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.document.status() == QPdfDocument.Status.Ready
    pages = dialog.document.pageCount()
    assert pages > 1
    assert dialog.pages_label.text() == f"of {pages}"
    assert dialog.view_stack_message.text() == f"A4, {pages} pages"
    size = dialog.document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == A4_POINTS
    assert not dialog.previous_button.isEnabled() and dialog.next_button.isEnabled()

    dialog.next_button.click()
    assert dialog.current_page() == 1 and dialog.page_box.text() == "2"
    dialog.page_box.setText(str(pages))
    dialog.page_box.editingFinished.emit()
    assert dialog.current_page() == pages - 1 and not dialog.next_button.isEnabled()

    dialog.zoom_box.setCurrentIndex(dialog.zoom_box.findText("150%"))
    assert dialog.view.zoomFactor() == pytest.approx(1.5)
    dialog.zoom_by(1)
    assert dialog.view.zoomFactor() == pytest.approx(2.0)
    assert dialog.zoom_box.currentText() == "200%"


def test_the_preview_on_letter_paper_keeps_the_choice(qtbot, brief, settings):
    dialog = PreviewDialog(brief, settings=settings)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered):
        dialog.set_page_size("Letter")
    size = dialog.document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == LETTER_POINTS
    assert settings.get(BRIEF_PAGE_SIZE) == "Letter"
    again = PreviewDialog(brief, settings=settings)
    qtbot.addWidget(again)
    assert again.page_size_box.currentText() == "Letter"


def test_saving_from_the_preview_writes_each_format_whole(qtbot, brief, settings, tmp_path,
                                                         monkeypatch):
    suggested = []

    def ask(parent, path, fmt):
        suggested.append(path.name)
        return tmp_path / f"brief-{fmt}"  # no suffix typed: the format's is added

    monkeypatch.setattr(dialogs, "ask_brief_save_path", ask)
    dialog = PreviewDialog(brief, settings=settings)
    qtbot.addWidget(dialog)
    for fmt in ("pdf", "html", "md"):
        with qtbot.waitSignal(dialog.saved) as saved:
            dialog.save_buttons[fmt].click()
        assert saved.args[0] == tmp_path / f"brief-{fmt}.{fmt}"
    assert suggested == [f"{brief.file_stem}.pdf", f"{brief.file_stem}.html",
                         f"{brief.file_stem}.md"]
    assert len(PdfReader(tmp_path / "brief-pdf.pdf").pages) == dialog.page_count()
    assert "<html" in (tmp_path / "brief-html.html").read_text(encoding="utf-8").lower()
    assert brief.account.name in (tmp_path / "brief-md.md").read_text(encoding="utf-8")
    assert dialog.saved_label.text() == f"Saved brief-md.md in {tmp_path}"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_saving_a_brief_over_the_open_workspace_is_refused(qtbot, brief, settings, session,
                                                          monkeypatch, dialog_log):
    workspace = session.ws.path
    monkeypatch.setattr(dialogs, "ask_brief_save_path", lambda parent, path, fmt: workspace)
    before = workspace.read_bytes()
    dialog = PreviewDialog(brief, settings=settings)
    qtbot.addWidget(dialog)
    dialog.save_buttons["pdf"].click()
    [(kind, title, message)] = dialog_log.shown
    assert (kind, title) == ("error", "Could not save the brief")
    assert message == (f"{workspace} was not written: {workspace.name} is a database (a "
                       "Handover workspace, perhaps), and a brief is never written over "
                       "one; choose another file name")
    assert workspace.read_bytes() == before
    assert sorted(p.name for p in workspace.parent.iterdir()) == ["demo.sqlite",
                                                                   "demo.sqlite.lock"]


def test_the_preview_is_laid_out_on_a_worker_while_it_says_so(qtbot, brief, settings,
                                                              real_threads):
    dialog = PreviewDialog(brief, settings=settings)  # starts laying the brief out
    qtbot.addWidget(dialog)
    assert dialog.view_stack_message.text() == "Preparing the preview\u2026"
    assert dialog.page_count() == 0
    # The outcome comes back as a queued signal, so it cannot arrive before the wait.
    with qtbot.waitSignal(dialog.rendered, timeout=20_000) as rendered:
        pass
    assert rendered.args[0] == dialog.document.pageCount() > 0


def test_the_page_previews_the_chosen_handover(qtbot, page, settings, monkeypatch):
    shown = []

    def preview(parent, data, *, settings=None):
        dialog = PreviewDialog(data, settings=settings, parent=parent)
        qtbot.addWidget(dialog)
        shown.append(dialog)

    monkeypatch.setattr(dialogs, "preview_brief", preview)
    row = page.shown_rows()[1]
    page.select_ids([row.id])
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.data.handover.id == row.id
    assert dialog.windowTitle() == f"Preview \u2014 Handover brief: {row.account}"
    assert dialog.page_count() > 0


# ---------------------------------------------------------------- one brief, however it leaves


def pdf_images(path: Path) -> list[tuple[int, int, str]]:
    """Each image the PDF draws, page by page: its width and height in pixels and a digest
    of its pixels."""
    found = []
    for pdf_page in PdfReader(path).pages:
        objects = pdf_page["/Resources"].get_object().get("/XObject") or {}
        for name in sorted(objects):
            image = objects[name].get_object()
            if image.get("/Subtype") == "/Image":
                found.append((int(image["/Width"]), int(image["/Height"]),
                              hashlib.sha256(image.get_data()).hexdigest()))
    return found


def test_a_brief_has_the_same_charts_from_the_window_as_from_handover_export(
        qtbot, session, settings, tmp_path, monkeypatch, capsys):
    # handover export draws the brief as of today, so the window does here too.
    page = TeamReviewPage(settings, today=dt.date.today)
    qtbot.addWidget(page)
    page.show()
    page.set_session(session)
    with_discounts = [row.id for row in page.shown_rows()
                      if "discounts" in brief_charts(brief_data(session.ws, row.id))]
    handover_id = with_discounts[0]

    # The team lead previews the brief and saves it as PDF from the preview ...
    monkeypatch.setattr(dialogs, "ask_brief_save_path",
                        lambda parent, path, fmt: tmp_path / "previewed.pdf")
    saved = []

    def preview(parent, data, *, settings=None):
        dialog = PreviewDialog(data, settings=settings, parent=parent)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.saved):
            dialog.save_buttons["pdf"].click()
        saved.append(dialog)

    monkeypatch.setattr(dialogs, "preview_brief", preview)
    page.select_ids([handover_id])
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert len(saved) == 1

    # ... and exports it with the batch export ...
    answer_export(monkeypatch, tmp_path / "batch")
    page.export_selected_button.click()
    [batch] = page.export_dialog.result.written

    # ... and a colleague runs `handover export` on the same handover.
    from handover.cli import main

    printed = tmp_path / "printed.pdf"
    assert main(["export", str(session.ws.path), "--handover", str(handover_id),
                 "-o", str(printed)]) == 0
    assert f"Wrote {printed}" in capsys.readouterr().out

    from_cli = pdf_images(printed)
    assert len(from_cli) == 2  # the mood chart and the discount chart
    assert (640 * 3, 230 * 3) in {(w, h) for w, h, _ in from_cli}  # the discount chart
    assert pdf_images(tmp_path / "previewed.pdf") == from_cli
    assert pdf_images(batch) == from_cli
    page.set_session(None)
