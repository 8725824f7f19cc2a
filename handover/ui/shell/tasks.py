"""Work done later: a plain function run on a worker thread, its result (or error) handed
back on the main thread, and work on the main thread that waits for a pause (`after_pause`).
A worker's function gets plain data (a path, ids), never a widget or the store's connection:
a thread that reads the workspace opens its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

# Tests set this to run every task at once on the calling thread (Picard's habit), so a
# story needs no waiting; the result still arrives through the same callbacks.
RUN_INLINE = False


class _Relay(QObject):
    """Lives on the main thread; its signals carry a worker's outcome back there."""

    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, func: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.func = func
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.func()
        except BaseException as error:  # noqa: BLE001 - every error goes back to the caller
            self.relay.failed.emit(error)
        else:
            self.relay.finished.emit(result)


# Each job and its relay stay referenced until the outcome is delivered: a QRunnable whose
# Python object is collected while the pool still holds it cannot run.
_running: dict[_Relay, _Job] = {}


def run_task(func: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
    """Run `func()` on the thread pool; then `on_done(result)` or `on_error(error)` on the
    main thread."""
    if RUN_INLINE:
        try:
            result = func()
        except BaseException as error:  # noqa: BLE001
            on_error(error)
        else:
            on_done(result)
        return
    relay = _Relay()
    job = _Job(func, relay)
    job.setAutoDelete(False)
    _running[relay] = job

    def deliver(callback: Callable[[Any], None], value: Any) -> None:
        _running.pop(relay, None)
        callback(value)

    relay.finished.connect(lambda result: deliver(on_done, result))
    relay.failed.connect(lambda error: deliver(on_error, error))
    QThreadPool.globalInstance().start(job)


def after_pause(parent: QObject, ms: int, slot: Callable[[], Any]) -> QTimer:
    """A single-shot timer owned by `parent` that calls `slot` once `ms` have passed since
    it was last started: start() it on every keystroke or change, and the work runs once
    the user pauses."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
