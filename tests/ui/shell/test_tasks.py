"""Background work runs off the main thread and its outcome comes back on the main thread."""

from __future__ import annotations

import threading

from handover.ui.shell import tasks


def test_a_task_runs_on_a_worker_and_reports_on_the_main_thread(qtbot, monkeypatch):
    monkeypatch.setattr(tasks, "RUN_INLINE", False)
    main = threading.get_ident()
    ran_on, got = [], []

    def work():
        ran_on.append(threading.get_ident())
        return 42

    tasks.run_task(work, lambda result: got.append((result, threading.get_ident())),
                   lambda error: got.append((error, None)))
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [(42, main)]
    assert ran_on and ran_on[0] != main


def test_a_failing_task_hands_its_error_back(qtbot, monkeypatch):
    monkeypatch.setattr(tasks, "RUN_INLINE", False)
    errors = []

    def work():
        raise ValueError("the file is busy")

    tasks.run_task(work, lambda result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "the file is busy"
