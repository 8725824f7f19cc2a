"""`handover check` and `handover export` as a user types them: what they print, the files
they write (whole or not at all) and their exit status: 0 all well, 1 a check failed, 2 the
input is unusable."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from handover.cli import main
from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Account,
    Commitment,
    Concession,
    Contact,
    Direction,
    Health,
    Interaction,
    Person,
    Question,
)
from handover.domain.template import load_default_template
from handover.store import Workspace

TODAY = dt.date.today()  # the command line checks as of today

WORDS = ("The account grew from one warehouse to four sites after we won the regional tender; "
         "since then the buyer has pressed for lower prices at every renewal, the outage in "
         "March cost us goodwill, and the CFO now compares every quote with a competitor. "
         "The operations team still values our service engineers and the weekly reviews, "
         "which is what the renewal will rest on if we deliver the root-cause report on time.")
LISTS = {
    "meet_first": "- Dr. Weber (CFO): still angry about the March outage credit",
    "key_events": "- 2025-03-02 outage at the Hamburg site\n- 2025-06-10 price row with "
                  "procurement\n- 2025-11-20 renewal signed for one year",
    "risks": "- The CFO invites a competitor to tender",
    "contingencies": "- If Dr. Weber asks for another credit, then offer a service review",
    "actions": "- Call Dr. Weber \u2014 Tom \u2014 2026-04-15\n"
               "- Visit Hamburg \u2014 Tom \u2014 2026-05-02\n"
               "- Agree the renewal plan \u2014 Lena \u2014 2026-06-01",
}


def complete_answers() -> dict[str, dict[str, str]]:
    """An answer to every field of the default template that its checks accept."""
    answers: dict[str, dict[str, str]] = {}
    for section in load_default_template().sections:
        for field in section.fields:
            if field.read_back:
                continue
            text = LISTS.get(field.key) if field.kind == "list" else (
                "The steering meeting on 2 April" if field.kind == "text" else WORDS)
            answers.setdefault(section.key, {})[field.key] = text or "- One item"
    return answers


@pytest.fixture
def workspace(tmp_path):
    """Two handovers: Northwind's, complete and in review; Brightwater's, a bare draft."""
    path = tmp_path / "team.sqlite"
    with Workspace.create(path, user="Dana Smith") as ws:
        anna = ws.add(Person(name="Anna Keller"))
        tom = ws.add(Person(name="Tom Berger"))
        north = ws.add(Account(name="Northwind Logistics", segment="key",
                               health=Health.WATCH, health_reason="Price pressure."))
        for name in ("Dr. Weber", "Jan Brandt"):
            ws.add(Contact(account_id=north.id, name=name, influence=5, attitude=0,
                           last_contact=TODAY))
        ws.add(Interaction(account_id=north.id, date=TODAY - dt.timedelta(days=3)))
        ws.add(Concession(account_id=north.id, date=dt.date(2025, 5, 1),
                          baseline_value=10_000, conceded_value=800, nothing_in_return=True,
                          negotiation="2025 renewal"))
        ws.add(Commitment(account_id=north.id, direction=Direction.OURS,
                          description="Send the root-cause report",
                          due_date=TODAY + dt.timedelta(days=20)))
        complete = ws.add(Handover(account_id=north.id, outgoing_id=anna.id,
                                   incoming_id=tom.id, status=Status.IN_REVIEW,
                                   answers=complete_answers(), read_back=WORDS))
        ws.add(Question(handover_id=complete.id, section="people", text="Who signs?",
                        answer="The CFO."))
        bright = ws.add(Account(name="Brightwater Foods", segment="mid_size"))
        ws.add(Handover(account_id=bright.id, outgoing_id=tom.id, incoming_id=anna.id))
    return path


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("handover: ")
    return err


# ---------------------------------------------------------------- check


def test_a_complete_handover_passes_its_check(workspace, capsys):
    assert main(["check", str(workspace), "--handover", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Handover 1 \u00b7 Northwind Logistics \u00b7 in review\n")
    assert "error" not in out.split("\n", 2)[2]


def test_a_handover_with_errors_fails_its_check_and_says_where(workspace, capsys):
    assert main(["check", str(workspace), "--handover", "2"]) == 1
    out = capsys.readouterr().out
    assert "Handover 2 \u00b7 Brightwater Foods \u00b7 draft" in out
    assert "\n1. Account at a glance\n  error    Sum up the account" in out
    assert "\n3. People\n" in out


def test_checking_every_handover_prints_a_line_each(workspace, capsys):
    assert main(["check", str(workspace)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "score", "status", "findings", "account"]
    assert lines[1].strip().startswith("1") and lines[1].endswith("Northwind Logistics")
    assert lines[2].strip().startswith("2") and lines[2].endswith("Brightwater Foods")
    assert lines[-1] == "2 handovers; 1 with errors to fix."


def test_check_json_gives_score_and_findings(workspace, capsys):
    assert main(["check", str(workspace), "--handover", "2", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["handover"] == 2 and report["account"] == "Brightwater Foods"
    assert report["required_failed"] is True and 0 <= report["score"] < 100
    assert {"severity", "message", "section", "field", "record", "check", "party"} <= set(
        report["findings"][0])
    assert main(["check", str(workspace), "--json"]) == 1
    assert [r["handover"] for r in json.loads(capsys.readouterr().out)] == [1, 2]


def test_check_on_a_file_that_is_not_a_workspace_exits_2_and_leaves_it_alone(tmp_path,
                                                                               capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("Call Anna.\n")
    assert main(["check", str(notes)]) == 2
    assert "not a Handover workspace" in one_line_error(capsys)
    assert notes.read_text() == "Call Anna.\n"


def test_check_of_a_handover_that_does_not_exist_exits_2(workspace, capsys):
    assert main(["check", str(workspace), "--handover", "99"]) == 2
    assert "no handover with id 99" in one_line_error(capsys)


# ---------------------------------------------------------------- export


def test_export_writes_the_pdf_brief_of_one_handover(workspace, tmp_path, capsys):
    out = tmp_path / "northwind.pdf"
    assert main(["export", str(workspace), "--handover", "1", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote {out}\n"
    reader = PdfReader(out)
    assert reader.metadata.title == "Handover brief: Northwind Logistics"
    assert "Page 1 of" in " ".join(reader.pages[0].extract_text().split())
    assert round(float(reader.pages[0].mediabox.height)) == 842  # A4 unless told


def test_export_takes_the_format_from_the_file_name_or_the_option(workspace, tmp_path):
    assert main(["export", str(workspace), "--handover", "1", "-o",
                 str(tmp_path / "b.md")]) == 0
    assert (tmp_path / "b.md").read_text().startswith("# Handover brief: Northwind Logistics")
    assert main(["export", str(workspace), "--handover", "1", "-o",
                 str(tmp_path / "b.html")]) == 0
    assert (tmp_path / "b.html").read_text().startswith("<!DOCTYPE html>")
    assert main(["export", str(workspace), "--handover", "1", "--format", "md", "-o",
                 str(tmp_path / "brief.txt")]) == 0
    assert (tmp_path / "brief.txt").read_text().startswith("# Handover brief")


def test_export_into_a_folder_names_the_file_after_the_account(workspace, tmp_path):
    assert main(["export", str(workspace), "--handover", "2", "--page-size", "Letter",
                 "-o", str(tmp_path)]) == 0
    pdf = tmp_path / "0002-brightwater-foods.pdf"
    assert round(float(PdfReader(pdf).pages[0].mediabox.height)) == 792


def test_export_all_writes_a_brief_per_handover_into_the_folder(workspace, tmp_path,
                                                                capsys):
    folder = tmp_path / "briefs"
    assert main(["export", str(workspace), "--all", "--format", "html", "-o",
                 str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "0001-northwind-logistics.html", "0002-brightwater-foods.html"]
    out = capsys.readouterr().out
    assert out.endswith(f"2 briefs in {folder}\n")


@pytest.mark.parametrize("args, message", [
    (["--handover", "99"], "no handover with id 99"),
    (["--handover", "1", "--all"], "not allowed with argument"),
    ([], "one of the arguments --handover --all is required"),
    (["--handover", "1", "--format", "docx"], "invalid choice"),
])
def test_export_with_unusable_arguments_exits_2_and_writes_nothing(workspace, tmp_path,
                                                                   capsys, args, message):
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(workspace), *args, "-o", str(out / "brief.pdf")]) == 2
    assert message in one_line_error(capsys)
    assert list(out.iterdir()) == []


def test_export_from_a_file_that_is_not_a_workspace_exits_2_and_writes_nothing(tmp_path,
                                                                                 capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("Call Anna.\n")
    assert main(["export", str(notes), "--all", "-o", str(tmp_path / "briefs")]) == 2
    assert "not a Handover workspace" in one_line_error(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_export_into_a_folder_that_does_not_exist_exits_2(workspace, tmp_path, capsys):
    out = tmp_path / "missing" / "brief.pdf"
    assert main(["export", str(workspace), "--handover", "1", "-o", str(out)]) == 2
    assert "does not exist" in one_line_error(capsys)
    assert not (tmp_path / "missing").exists()


def test_export_all_onto_a_file_exits_2_and_leaves_the_file(workspace, tmp_path, capsys):
    taken = tmp_path / "briefs"
    taken.write_text("not a folder")
    assert main(["export", str(workspace), "--all", "-o", str(taken)]) == 2
    assert "is a file" in one_line_error(capsys)
    assert taken.read_text() == "not a folder"


def test_export_works_without_a_display(workspace, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "headless.pdf"
    result = subprocess.run([sys.executable, "-m", "handover", "export", str(workspace),
                             "--handover", "1", "-o", str(out)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(out).pages) >= 2


@pytest.mark.parametrize("name", ["the workspace", "a hard link", "a symlink",
                                  "another workspace", "its journal's name"])
def test_export_never_writes_a_brief_over_a_workspace(workspace, tmp_path, capsys, name):
    # Dana types the workspace's own name after -o, or another name for it, or another
    # workspace's: the brief is refused and the file keeps every byte.
    target = {"the workspace": workspace, "a hard link": tmp_path / "brief.pdf",
              "a symlink": tmp_path / "brief.md", "another workspace": tmp_path / "old.sqlite",
              "its journal's name": tmp_path / "team.sqlite-journal"}[name]
    if name == "a hard link":
        os.link(workspace, target)
    elif name == "a symlink":
        target.symlink_to(workspace)
    elif name == "another workspace":
        Workspace.create(target).close()
    real = workspace if name == "its journal's name" else target.resolve()
    before = real.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    assert main(["export", str(workspace), "--handover", "1", "--format", "md",
                 "-o", str(target)]) == 2
    err = one_line_error(capsys)
    assert f"cannot write {target}: {target.name} is a database" in err
    assert "a brief is never written over one" in err
    assert real.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no temporary file left
    with Workspace.open(workspace, read_only=True) as ws:
        assert ws.counts()["handovers"] == 2


def test_export_all_leaves_a_workspace_of_a_briefs_name_alone(workspace, tmp_path, capsys):
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    squatter = briefs / "0002-brightwater-foods.md"
    Workspace.create(squatter).close()
    before = squatter.read_bytes()
    assert main(["export", str(workspace), "--all", "--format", "md", "-o", str(briefs)]) == 2
    assert "0002-brightwater-foods.md is a database" in one_line_error(capsys)
    assert squatter.read_bytes() == before
    # The brief before it was written whole; nothing half-written is left.
    assert sorted(p.name for p in briefs.iterdir()) == ["0001-northwind-logistics.md",
                                                        "0002-brightwater-foods.md"]


def test_a_failed_export_leaves_no_half_written_file(workspace, tmp_path, capsys,
                                                     monkeypatch):
    import handover.brief.markdown_export as markdown_export

    out = tmp_path / "brief.md"
    out.write_text("the brief from yesterday\n")

    def disk_full(data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(markdown_export, "build_brief_markdown", disk_full)
    assert main(["export", str(workspace), "--handover", "1", "-o", str(out)]) == 2
    assert "No space left on device" in one_line_error(capsys)
    assert out.read_text() == "the brief from yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "team.sqlite"]
