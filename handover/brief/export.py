"""Writing briefs to files: one brief in one format, or a batch of them with progress and a
way to cancel. Every file is written under a temporary name beside its destination and
renamed into place only when whole, so an interrupted, failed or cancelled export never
leaves a half-written file (a file of the same name from before stays as it was); and a brief
is never written over a database, such as the workspace it was read from."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handover.brief.data import BriefData

FORMATS = {"pdf": ".pdf", "html": ".html", "md": ".md"}
PAGE_SIZES = ("A4", "Letter")
TEMP_SUFFIX = ".part"
SQLITE_MAGIC = b"SQLite format 3\x00"
DATABASE_COMPANIONS = ("-journal", "-wal", "-shm")  # the files SQLite keeps beside one


class WouldReplaceDatabase(OSError):
    """The file chosen for a brief is a database: a workspace, perhaps the very one."""


class ExportCancelled(Exception):
    """The batch was cancelled between two files."""


def write_atomically(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call `write(temp)` to write the file at a temporary path in `path`'s folder, then
    flush it to the disk and rename it to `path` in one step. On any error the temporary
    file is removed and `path` is left as it was. Every brief and batch of briefs, from
    the command line and the window alike, is written here."""
    path = Path(path)
    refuse_database(path)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
    try:
        write(temp)
        if not temp.exists():
            raise OSError(f"nothing was written for {path}")
        _flush(temp)
        refuse_database(path)  # a workspace saved under that name while we wrote
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _flush_folder(path.parent)
    return path


def refuse_database(path: Path) -> None:
    """WouldReplaceDatabase when `path`, followed through links, is an SQLite database or
    one's journal: `export W -o W` must not lose the workspace W to its own brief."""
    real = Path(os.path.realpath(path))
    candidates = [real]
    for suffix in DATABASE_COMPANIONS:
        if real.name.endswith(suffix):
            candidates.append(real.with_name(real.name[:-len(suffix)]))
    for candidate in candidates:
        try:
            with open(candidate, "rb") as f:
                head = f.read(len(SQLITE_MAGIC))
        except OSError:
            continue  # nothing there (or nothing we may read, which a rename does not harm)
        if head == SQLITE_MAGIC:
            what = "a database" if candidate == real else "a database's journal"
            raise WouldReplaceDatabase(
                f"{path.name} is {what} (a Handover workspace, perhaps), and a brief is "
                "never written over one; choose another file name")


def _flush(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _flush_folder(folder: Path) -> None:
    # The rename itself reaches the disk only when the folder is flushed (POSIX).
    if os.name == "nt":  # pragma: no cover - Windows flushes the rename itself
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    return fmt


def render_to(data: BriefData, fmt: str, path: str | Path, *, charts=None,
              page_size: str = "A4") -> int | None:
    """Write the brief in `fmt` to `path` as it is (not atomically; see `export_brief`).
    Returns the number of pages of a PDF. PDF and HTML need a QGuiApplication; `charts`
    None draws the brief's own (pass {} for none)."""
    fmt = check_format(fmt)
    if fmt == "md":
        from handover.brief.markdown_export import build_brief_markdown

        Path(path).write_text(build_brief_markdown(data), encoding="utf-8", newline="\n")
        return None
    if charts is None:
        from handover.brief.charts import brief_charts

        charts = brief_charts(data)
    if fmt == "html":
        from handover.brief.html import build_brief_html

        Path(path).write_text(build_brief_html(data, charts=charts, for_print=False),
                              encoding="utf-8", newline="\n")
        return None
    from handover.brief.pdf import write_brief_pdf

    return write_brief_pdf(data, path, charts=charts, page_size=page_size)


def export_brief(data: BriefData, fmt: str, path: str | Path, *, charts=None,
                 page_size: str = "A4") -> Path:
    """Write the brief in `fmt` to `path`, whole or not at all."""
    return write_atomically(path, lambda temp: render_to(data, fmt, temp, charts=charts,
                                                         page_size=page_size))


def file_name(data: BriefData, fmt: str) -> str:
    """"0001-northwind-logistics.pdf"."""
    return data.file_stem + FORMATS[check_format(fmt)]


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    total: int = 0
    cancelled: bool = False

    @property
    def complete(self) -> bool:
        return not self.cancelled and len(self.written) == self.total


# progress(done, total, account): called as each brief is about to be written, with the number
# done so far and the account's name, and once at the end with done == total and "".
Progress = Callable[[int, int, str], object]


def export_batch(loaders: Sequence[Callable[[], BriefData]], fmt: str,
                 folder: str | Path, *, progress: Progress | None = None,
                 is_cancelled: Callable[[], bool] | None = None,
                 page_size: str = "A4") -> BatchResult:
    """Export a brief for each `load` in `loaders` into `folder`, named by `file_name`.
    `load()` gathers one brief's data when its turn comes; each brief gets the brief's own
    charts. `is_cancelled()` is asked before each brief and before each finished file is put
    in place: once it says True, the batch stops, and the files already written stay, each
    whole. Any error stops the batch and is raised."""
    fmt = check_format(fmt)
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    result = BatchResult(total=len(loaders))
    cancelled = is_cancelled or (lambda: False)
    for done, load in enumerate(loaders):
        if cancelled():
            result.cancelled = True
            return result
        data = load()
        if progress:
            progress(done, result.total, data.account.name)

        def write(temp: Path, data=data) -> None:
            render_to(data, fmt, temp, page_size=page_size)
            if cancelled():
                raise ExportCancelled

        try:
            result.written.append(write_atomically(folder / file_name(data, fmt), write))
        except ExportCancelled:
            result.cancelled = True
            return result
    if progress:
        progress(result.total, result.total, "")
    return result
