"""Writing a note beside its preview, which fetches nothing and opens links only on a click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from handover.ui.shell import markdown_editor
from handover.ui.shell.markdown_editor import MarkdownEditor, MarkdownView


@pytest.fixture
def editor(qtbot):
    widget = MarkdownEditor()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def opened_links(monkeypatch):
    """Every URL handed to the system browser; nothing really opens."""
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(QUrl(url))
        return True

    monkeypatch.setattr(markdown_editor, "open_external_link", record)
    return urls


def bold_fragments(document: QTextDocument) -> list[str]:
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.DemiBold:
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def click_on_text(qtbot, view: MarkdownView, words: str) -> None:
    found = view.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart() + 1)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.right() + 2, rect.center().y()))


# ---- writing


def test_what_is_typed_appears_rendered_in_the_preview(qtbot, editor):
    qtbot.keyClicks(editor.source, "**angry**")

    qtbot.waitUntil(lambda: editor.preview.toPlainText() == "angry", timeout=2000)
    assert bold_fragments(editor.preview.document()) == ["angry"]
    assert editor.text() == "**angry**"


def test_the_preview_waits_for_a_pause_in_typing_but_can_be_brought_up_to_date(qtbot, editor):
    editor.source.setPlainText("- promised a *root-cause report*")
    assert editor.preview.toPlainText() == ""  # not yet: the preview waits for a pause

    editor.flush_preview()

    assert editor.preview.toPlainText() == "promised a root-cause report"
    assert editor.preview.document().toHtml().count("<li") == 1


def test_every_edit_is_announced_with_the_new_text(qtbot, editor):
    with qtbot.waitSignal(editor.edited) as edited:
        qtbot.keyClicks(editor.source, "x")

    assert edited.args == ["x"]


def test_loading_a_note_shows_it_at_once_and_is_not_an_edit(qtbot, editor):
    edits = []
    editor.edited.connect(edits.append)

    editor.setText("## Where things stand\n\nRenewal is **at risk**.")

    assert editor.text() == "## Where things stand\n\nRenewal is **at risk**."
    assert editor.preview.toPlainText() == "Where things stand\nRenewal is at risk."
    assert "at risk" in bold_fragments(editor.preview.document())
    assert edits == []


def test_the_preview_keeps_its_place_in_a_long_note(qtbot, editor):
    long_note = "\n\n".join(f"Paragraph {n} about the account." for n in range(200))
    editor.setText(long_note)
    bar = editor.preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()

    editor.source.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor.source, "**New** ")
    editor.flush_preview()

    assert editor.preview.toPlainText().startswith("New Paragraph 0")
    assert bar.value() == middle


def test_a_hostile_note_is_shown_as_text_in_the_preview(qtbot, editor):
    editor.setText('<script>alert(1)</script> <img src="file:///etc/passwd"> ok')

    assert editor.preview.toPlainText() == (
        '<script>alert(1)</script> <img src="file:///etc/passwd"> ok')


# ---- nothing is ever fetched


def red_pixels(widget) -> int:
    image = widget.grab().toImage()
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if image.pixelColor(x, y) == QColor("red"))


def test_a_local_picture_in_html_is_neither_read_nor_shown(qtbot, tmp_path):
    # Bypass the sanitiser on purpose: the view's own wall must hold by itself.
    picture = tmp_path / "secret.png"
    image = QImage(24, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(picture))
    local = QUrl.fromLocalFile(str(picture))
    html = f'<p>a<img src="{local.toString()}">b<img src="{picture}">c</p>'
    plain = QTextBrowser()  # what Qt does by itself: reads the file and shows it
    view = MarkdownView()
    for browser in (plain, view):
        qtbot.addWidget(browser)
        browser.resize(300, 120)
        browser.setHtml(html)
        browser.show()
        qtbot.waitExposed(browser)

    assert red_pixels(plain) > 0
    assert red_pixels(view) == 0
    for url in (local, QUrl(str(picture))):
        assert view.document().resource(QTextDocument.ResourceType.ImageResource, url) == (
            QByteArray())


@pytest.mark.parametrize(
    "kind, url",
    [
        (QTextDocument.ResourceType.ImageResource, "file:///etc/passwd"),
        (QTextDocument.ResourceType.ImageResource, "http://evil.example/t.png"),
        (QTextDocument.ResourceType.ImageResource, "data:image/png;base64,iVBORw0KGgo="),
        (QTextDocument.ResourceType.StyleSheetResource, "https://evil.example/s.css"),
        (QTextDocument.ResourceType.StyleSheetResource, "file:///etc/hosts"),
        (QTextDocument.ResourceType.HtmlResource, "file:///etc/hosts"),
    ],
)
def test_the_view_hands_out_no_resource_of_any_kind(qtbot, kind, url):
    view = MarkdownView()
    qtbot.addWidget(view)

    assert view.loadResource(kind.value, QUrl(url)) == QByteArray()
    assert view.document().resource(kind, QUrl(url)) == QByteArray()


def test_the_view_does_not_navigate_to_a_file(qtbot, tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text("<p>secret</p>", encoding="utf-8")
    view = MarkdownView()
    qtbot.addWidget(view)
    view.setMarkdown("my note")

    view.setSource(QUrl.fromLocalFile(str(secret)))

    assert view.toPlainText() == "my note"


def test_the_view_renders_with_our_sanitiser_not_qts_own_markdown(qtbot):
    view = MarkdownView()
    qtbot.addWidget(view)

    view.setMarkdown("<b>typed</b> and ![pixel](http://evil.example/t.png)")

    assert view.toPlainText() == "<b>typed</b> and pixel"
    assert view.markdown() == "<b>typed</b> and ![pixel](http://evil.example/t.png)"
    assert "evil" not in view.toHtml()


# ---- links


@pytest.fixture
def view(qtbot):
    widget = MarkdownView()
    qtbot.addWidget(widget)
    widget.resize(500, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_clicking_a_web_link_opens_it_once_in_the_system_browser(qtbot, view, opened_links):
    view.setMarkdown("See [the account plan](https://intranet.example/plan) first.")

    with qtbot.waitSignal(view.link_opened):
        click_on_text(qtbot, view, "account plan")

    assert opened_links == [QUrl("https://intranet.example/plan")]
    assert view.toPlainText() == "See the account plan first."  # the view stays on the note


def test_clicking_a_mail_link_opens_the_mail_program(qtbot, view, opened_links):
    view.setMarkdown("Write to <ops@example.com>")

    click_on_text(qtbot, view, "ops@example.com")

    assert opened_links == [QUrl("mailto:ops@example.com")]


def test_a_script_link_that_slipped_through_does_nothing_when_clicked(qtbot, view, opened_links):
    view.setHtml('<p><a href="javascript:alert(1)">pay now</a> and '
                 '<a href="file:///etc/passwd">passwords</a></p>')

    with qtbot.waitSignal(view.link_refused) as refused:
        click_on_text(qtbot, view, "pay now")
    click_on_text(qtbot, view, "passwords")

    assert refused.args[0].scheme() == "javascript"
    assert opened_links == []
    assert view.toPlainText() == "pay now and passwords"


def test_a_sanitised_script_link_is_not_a_link_at_all(qtbot, view, opened_links):
    view.setMarkdown("[pay now](javascript:alert(1))")

    click_on_text(qtbot, view, "pay now")

    assert opened_links == []
    assert not view.anchorAt(view.cursorRect(view.document().find("pay")).center())


@pytest.mark.parametrize(
    "url, openable",
    [
        ("https://example.com/x", True),
        ("HTTP://EXAMPLE.COM", True),
        ("mailto:ops@example.com", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,hi", False),
        ("relative/path.html", False),
        ("https://", False),
        ("mailto:", False),
        ("ftp://example.com/f", False),
    ],
)
def test_only_web_and_mail_links_may_be_opened(url, openable):
    assert markdown_editor.is_openable_link(QUrl(url)) is openable
