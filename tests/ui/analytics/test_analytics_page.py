"""The Analytics page as a team lead meets it: the figures come from a worker thread while
the page says it is calculating, the spread and the outliers per segment, give without
get, tactic yield and neglected potential, each table opening its account; recomputed
after an edit."""

from __future__ import annotations

import datetime as dt
import shutil
import threading

import pytest
from PySide6.QtCharts import QBoxPlotSeries, QScatterSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from handover.demo import DEMO_TODAY, write_demo
from handover.domain.records import Account, Concession
from handover.store import Workspace
from handover.store.portfolio import portfolio
from handover.ui.analytics.analytics_page import AnalyticsPage, compute_analytics, table_text
from handover.ui.shell import charts, tasks
from handover.ui.shell.session import Session

TODAY = dt.date(2026, 11, 2)


@pytest.fixture(scope="module")
def _demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    write_demo(path, accounts=80, seed=3)
    return path


@pytest.fixture
def demo(tmp_path, _demo_template):
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, path)
    ws = Workspace.open(path, user="Katrin Vogel")
    yield Session(ws)
    ws.close()


@pytest.fixture
def session(workspace_file):
    ws = Workspace.open(workspace_file, user="Helen Achterberg")
    yield Session(ws)
    ws.close()


@pytest.fixture
def real_threads(monkeypatch):
    """Background work on a worker thread, as in the program (the tests' conftest makes it
    run at once by default)."""
    monkeypatch.setattr(tasks, "RUN_INLINE", False)


def make_page(qtbot, **kwargs) -> AnalyticsPage:
    page = AnalyticsPage(today=lambda: DEMO_TODAY, **kwargs)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    return page


# ---------------------------------------------------------------- in the background


def test_the_figures_come_from_a_worker_while_the_page_says_it_is_calculating(
        qtbot, demo, real_threads):
    threads = []
    page = make_page(qtbot)
    real_run = tasks.run_task

    def watched(work, done, failed):
        def on_worker():
            threads.append(threading.get_ident())
            return work()
        real_run(on_worker, done, failed)

    page._runner = watched
    with qtbot.waitSignal(page.calculated, timeout=20000) as blocker:
        page.set_session(demo)
        page.show()  # shown: it computes
        assert page.status_label.text() == "Calculating\u2026"
        assert page.calculating
        assert page.message.text() == "Calculating\u2026"
    assert threads and threads[0] != threading.get_ident()
    assert not page.calculating
    assert page.status_label.text() == f"Calculated in {blocker.args[0]:.2f} s"
    assert page.stack.currentIndex() == 1
    assert "as of 25 Nov 2026" in page.subtitle.text()


def test_the_page_shows_the_same_figures_as_the_report(qtbot, demo):
    page = make_page(qtbot)
    page.set_session(demo)
    page.refresh()
    report = portfolio(demo.ws, DEMO_TODAY)
    gg = report.give_and_get
    assert page.card_text("concessions").startswith(f"CONCESSIONS {report.concessions:,}")
    assert f"{gg.nothing:,} of {gg.concessions:,} concessions" in page.card_text("nothing")
    assert f"ABOVE POLICY {report.outliers.above_policy:,}" in page.card_text("above_policy")
    assert f"AUTHORITY BREACHES {report.authority.breaches:,}" in page.card_text("breaches")
    weakest = min((c.reciprocity, c.currency) for c in gg.by_currency)
    assert page.card_text("reciprocity").startswith(
        f"RECIPROCITY {weakest[1]}\u00a0{weakest[0]:.2f}")

    bands = page.band_table
    assert bands.model().rowCount() == len(report.discount_bands)
    first = report.discount_bands[0]
    assert table_text(bands, 0, 0) == first.segment.label
    assert table_text(bands, 0, 2) == f"{first.median:.1f}%"
    outliers = page.outlier_table.model()
    assert outliers.rowCount() == len(report.outliers.above_policy_items) \
        + len(report.outliers.peer_items)
    assert table_text(page.outlier_table, 0, 0) == \
        report.outliers.above_policy_items[0].account_name
    assert page.tactic_table.model().rowCount() == len(report.tactics.tactics)
    assert page.neglected_table.model().rowCount() == len(report.attention.items)
    assert f"{report.attention.neglected:,} accounts" in page.neglected_heading.text()


def test_the_band_chart_draws_the_spread_the_policy_and_names_the_outliers(
        qtbot, demo):
    page = make_page(qtbot)
    page.set_session(demo)
    page.show()
    chart = page.charts()["band"]
    report = page.data.report
    boxes = next(s for s in chart.series() if isinstance(s, QBoxPlotSeries))
    assert boxes.count() == len(report.discount_bands)
    first = boxes.boxSets()[0]
    band = report.discount_bands[0]
    assert (first.at(0), first.at(2), first.at(4)) == pytest.approx(
        (band.p10, band.median, band.p90))
    names = {s.name() for s in chart.series()}
    assert {"Target", "Maximum", "Above policy", "Min\u2013max"} <= names
    above = charts.find_series(chart, "abovePolicy")
    assert isinstance(above, QScatterSeries)
    assert above.count() == len(report.outliers.above_policy_items)
    costliest = charts.short_name(report.outliers.above_policy_items[0].account_name)
    assert any(label.rstrip("\u2026") and costliest.startswith(label.rstrip("\u2026"))
               for label in charts.point_labels(chart))


def test_a_double_click_on_a_row_or_a_click_on_a_point_opens_the_account(
        qtbot, demo):
    page = make_page(qtbot)
    page.set_session(demo)
    page.show()
    for table in (page.outlier_table, page.nothing_table, page.neglected_table):
        page.scroll.ensureWidgetVisible(table)
        index = table.model().index(0, 0)
        expected = table.model().data(index, Qt.ItemDataRole.UserRole + 20)
        with qtbot.waitSignal(page.account_chosen) as chosen:
            centre = table.visualRect(index).center()
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        assert chosen.args == [expected]
    above = charts.find_series(page.charts()["band"], "abovePolicy")
    with qtbot.waitSignal(page.account_chosen) as chosen:
        above.clicked.emit(above.at(0))
    assert chosen.args == [page.data.report.outliers.above_policy_items[0].account_id]


def test_an_edit_is_counted_after_a_pause(qtbot, session):
    # The work itself runs at once here (conftest); the pause before it is the page's.
    page = make_page(qtbot)
    page.set_session(session)
    page.show()
    assert "GIVEN FOR NOTHING" in page.card_text("nothing")
    assert page.data.report.concessions == 0
    north = session.ws.all(Account, "name = ?", ["Northwind Logistics"])[0].id
    with qtbot.waitSignal(page.calculated, timeout=5000):
        session.add(Concession(account_id=north, date=TODAY, baseline_value=100,
                               conceded_value=10, nothing_in_return=True))
        session.add(Concession(account_id=north, date=TODAY, baseline_value=100,
                               conceded_value=5))
        assert page.data.report.concessions == 0  # not yet: a burst is computed once
    assert page.data.report.concessions == 2
    assert "1 of 2 concessions" in page.card_text("nothing")


def test_a_hidden_page_computes_when_it_is_shown(qtbot, session):
    page = make_page(qtbot)
    page.set_session(session)
    assert page.data is None  # not shown: nothing computed
    page.show()
    assert page.data is not None


def test_a_result_asked_for_before_the_latest_is_dropped(qtbot, session):
    pending = []
    page = make_page(qtbot, runner=lambda work, done, failed: pending.append((work, done)))
    page.set_session(session)
    page.refresh()
    page.refresh()
    first, second = pending
    assert first[0]() is None  # not wanted any more: it does not even read
    first[1](None)
    assert page.calculating
    second[1](second[0]())
    assert not page.calculating and page.data is not None


def test_a_failure_is_said_on_the_page(qtbot, session):
    def failing(work, done, failed):
        failed(RuntimeError("the file is busy"))

    page = make_page(qtbot, runner=failing)
    with qtbot.waitSignal(page.calculation_failed):
        page.set_session(session)
        page.refresh()
    assert page.message.text() == "The figures could not be calculated: the file is busy"
    assert page.status_label.text() == "Not calculated"


def test_without_a_workspace_the_page_says_so(qtbot):
    page = make_page(qtbot)
    page.set_session(None)
    assert page.message.text() == "No workspace is open."


def test_the_worker_reads_through_a_connection_of_its_own(session):
    # The main connection belongs to this thread; the work runs on another and opens its own.
    result = []
    worker = threading.Thread(target=lambda: result.append(
        compute_analytics(session.ws.path, TODAY)))
    worker.start()
    worker.join(30)
    assert result and result[0].report.accounts == 4


def test_each_table_keeps_qts_contract(qtbot, qtmodeltester, demo):
    page = make_page(qtbot)
    page.set_session(demo)
    page.refresh()
    for model in (page.outlier_model, page.band_model, page.nothing_model, page.tactic_model,
                  page.neglected_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_a_chart_draws_offscreen_for_the_brief(qtbot, demo):
    report = portfolio(demo.ws, DEMO_TODAY)
    chart = charts.discount_band_chart(report.discount_bands,
                                       report.outliers.above_policy_items,
                                       report.outliers.peer_items)
    image = charts.render_chart_image(chart, 640, 400, scale=2)
    assert (image.width(), image.height()) == (1280, 800)
    assert image.devicePixelRatio() == 2
    colours = {image.pixelColor(x, y).name() for x in range(0, 1280, 16)
               for y in range(0, 800, 16)}
    assert len(colours) > 5  # drawn, not blank
    assert QColor("#ffffff").name() in colours
    # A chart shown on screen is lent and given back.
    page = make_page(qtbot)
    page.set_session(demo)
    page.show()
    shown = page.charts()["tactics"]
    charts.render_chart_image(shown, 500, 300)
    assert page.tactics_view.chart() is shown and shown.scene() is page.tactics_view.scene()
