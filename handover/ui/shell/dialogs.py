"""Every modal dialog of the program, so that a test replaces one name to answer it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from handover.domain.records import Account, Role
from handover.ui.shell.text import plain_label

if TYPE_CHECKING:
    from handover.store.queries import TeamMember
    from handover.ui.shell.session import Session

WORKSPACE_FILTER = "Handover workspaces (*.sqlite *.handover *.db);;All files (*)"
WORKSPACE_SUFFIX = ".sqlite"


def _message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str,
                 message: str) -> QMessageBox:
    box = QMessageBox(icon, title, title, QMessageBox.StandardButton.Ok, parent)
    # The title is repeated as the text because macOS shows no title on a message box.
    box.setInformativeText(message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """The one way the program tells the user something went wrong: a short title saying
    what failed, and a message naming the problem and what to do."""
    _message_box(parent, QMessageBox.Icon.Warning, title, message).exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    _message_box(parent, QMessageBox.Icon.Information, title, message).exec()


def ask_open_path(parent: QWidget | None, directory: Path | None = None) -> Path | None:
    """The workspace file the user picks to open; None when they cancel."""
    name, _ = QFileDialog.getOpenFileName(parent, "Open workspace", str(directory or ""),
                                          WORKSPACE_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget | None, directory: Path | None = None) -> Path | None:
    """Where the user wants a new workspace file; None when they cancel."""
    suggested = str(Path(directory) / f"Workspace{WORKSPACE_SUFFIX}") if directory else ""
    # No overwrite question: a new workspace never replaces a file (the store refuses), so
    # asking "replace it?" would offer a choice that is not there.
    name, _ = QFileDialog.getSaveFileName(
        parent, "New workspace", suggested, WORKSPACE_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(WORKSPACE_SUFFIX)


def introduction(member: TeamMember) -> str:
    """What waits for `member` in the workspace, in a few words: why one would try the
    program as them."""
    parts = []
    if member.accounts:
        parts.append(f"owns {_count(member.accounts, 'account')}")
    if member.handing_over:
        parts.append(f"hands {_count(member.handing_over, 'account')} over")
    if member.receiving:
        parts.append(f"takes {_count(member.receiving, 'account')} over")
    if member.reviewing:
        parts.append(f"reviews {_count(member.reviewing, 'handover')}")
    return ", ".join(parts) or "nothing waiting yet"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def story_people(team: Sequence[TeamMember]) -> list[tuple[TeamMember, str]]:
    """The people a newcomer can try the program as, each with the part they play: the
    account manager handing the most over, the team lead reviewing the most, and an
    incoming manager with a handover waiting for them."""
    def best(fits, key):
        found = sorted((m for m in team if fits(m)), key=lambda m: m.name)
        return max(found, key=key) if found else None  # the first by name among equals

    chosen: list[tuple[TeamMember, str]] = []
    for member, part in (
            (best(lambda m: m.role is Role.ACCOUNT_MANAGER and m.handing_over,
                  lambda m: (m.handing_over, m.accounts)), "account manager"),
            (best(lambda m: m.role is Role.TEAM_LEAD, lambda m: (m.reviewing, 0)),
             "team lead"),
            (best(lambda m: m.role is Role.ACCOUNT_MANAGER and m.receiving,
                  lambda m: (m.receiving, m.accounts)), "incoming manager")):
        if member is not None and all(member.id != m.id for m, _ in chosen):
            chosen.append((member, part))
    return chosen


class CurrentUserDialog(QDialog):
    """Asks who is using the program: their name stamps every change they make.

    Given the workspace's `team`, it lists them to pick from (switching between the
    outgoing manager, the incoming manager and the team lead on one machine), with a name
    typed for someone new; with `stories`, the first run of the demo, it leads with the
    people a newcomer can try the program as."""

    def __init__(self, parent: QWidget | None = None, name: str = "",
                 role: Role = Role.ACCOUNT_MANAGER, team: Sequence[TeamMember] = (),
                 *, stories: bool = False):
        super().__init__(parent)
        self.team = list(team)
        first_run = not name
        self.setWindowTitle("Welcome to Handover" if first_run else "Current user")
        self.setMinimumWidth(500)
        if stories and self.team:
            text = ("This is a demo workspace. Try it as one of its people, and land in the "
                    "middle of a handover, or type your own name.")
        elif first_run:
            text = ("Who is using Handover on this computer? Your name is written beside "
                    "every change you make, so the next person knows who to ask.")
        else:
            text = ("Who is using Handover now? From here on, every change is written down "
                    "as theirs.")
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.people_list = QListWidget()
        self.people_list.setAccessibleName("Team members")
        featured = story_people(self.team) if stories else []
        rows = [(m, f"Try it as {m.name}, {part}\n{introduction(m)}") for m, part in featured]
        rows += [(m, f"{m.name} ({m.role.label})\n{introduction(m)}") for m in self.team
                 if all(m.id != f.id for f, _ in featured)]
        self.people_list.setWordWrap(True)
        self.people_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people_list.setSpacing(2)
        for member, label in rows:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.people_list.addItem(item)
        # Nobody is picked for the user: a newcomer may as well type their own name.
        self.people_list.setCurrentRow(-1)
        self.people_list.setVisible(bool(rows))
        self.people_list.currentRowChanged.connect(self._person_picked)
        self._members = [m for m, _ in rows]
        self.name_edit = QLineEdit(name)
        self.name_edit.setPlaceholderText("First and last name")
        self.role_box = QComboBox()
        for each in Role:
            self.role_box.addItem(each.label, each.value)
        self.role_box.setCurrentIndex(list(Role).index(role))
        form = QFormLayout()
        form.setContentsMargins(0, 8, 0, 8)
        form.addRow("Your name" if not self.team else "Or a name", self.name_edit)
        form.addRow("Your role", self.role_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Continue")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._name_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.people_list)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._name_changed(name)
        # The name has the focus: the list, focused first, would pick its first person.
        self.name_edit.setFocus()

    def _person_picked(self, row: int) -> None:
        if 0 <= row < len(self._members):
            member = self._members[row]
            self.name_edit.setText(member.name)  # _name_changed sets the role from it

    def _member_named(self, text: str) -> TeamMember | None:
        key = text.strip().casefold()
        return next((m for m in self.team if m.name.casefold() == key), None)

    def _name_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))
        member = self._member_named(text)
        # A known team member keeps the role the workspace has for them.
        self.role_box.setEnabled(member is None)
        if member is not None:
            self.role_box.setCurrentIndex(list(Role).index(member.role))
            row = self._members.index(member) if member in self._members else -1
            if self.people_list.currentRow() != row:
                self.people_list.setCurrentRow(row)
        elif self.people_list.currentRow() != -1:
            self.people_list.setCurrentRow(-1)

    def answer(self) -> tuple[str, Role]:
        member = self._member_named(self.name_edit.text())
        if member is not None:
            return member.name, member.role
        return self.name_edit.text().strip(), Role.parse(self.role_box.currentData(), "role")


def ask_current_user(parent: QWidget | None, name: str = "",
                     role: Role = Role.ACCOUNT_MANAGER, team: Sequence[TeamMember] = (),
                     *, stories: bool = False) -> tuple[str, Role] | None:
    """The user's name and role, picked among `team` or typed; None when they cancel."""
    dialog = CurrentUserDialog(parent, name, role, team, stories=stories)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()


def edit_account(parent: QWidget | None, session: Session,
                 account: Account | None = None) -> Account | None:
    """The account form: a new account with `account` None, else that account's fields.
    The account as saved (one undoable edit of the session); None when the user cancels."""
    # Each editor is imported when it opens, here and below: every one of them uses this
    # module in turn (tests/test_layers.py allows exactly these edges), and the first
    # screen needs none of them.
    from handover.ui.editors.account_form import AccountForm

    form = AccountForm(session, account, parent)
    form.exec()
    return form.saved


# ---------------------------------------------------------------- an account's records
# The dialog classes live with their tabs (people, history, promises); these are the names
# the tabs call, so a test answers a dialog by replacing one of them.


def confirm(parent: QWidget | None, title: str, message: str, action: str = "OK") -> bool:
    """Whether the user goes ahead with `action` (e.g. "Remove"); Cancel is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, title,
                      QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go


def edit_contact(parent: QWidget | None, session: Session, account_id: int, contact=None):
    """Add a contact to the account (or edit `contact`), saved through `session`; the saved
    Contact, or None when the user cancels."""
    from handover.ui.editors.contact import ContactDialog

    dialog = ContactDialog(session, account_id, contact, parent)
    return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_interaction(parent: QWidget | None, session: Session, account_id: int,
                     interaction=None):
    """Log an interaction with the account (or edit `interaction`), saved through
    `session`; the saved Interaction, or None when the user cancels."""
    from handover.ui.editors.interaction import InteractionDialog

    dialog = InteractionDialog(session, account_id, interaction, parent)
    return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_commitment(parent: QWidget | None, session: Session, account_id: int,
                    commitment=None):
    """Record a promise, ours or theirs (or edit `commitment`), saved through `session`;
    the saved Commitment, or None when the user cancels."""
    from handover.ui.editors.promise import CommitmentDialog

    dialog = CommitmentDialog(session, account_id, commitment, parent)
    return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None


# ---------------------------------------------------------------- concessions and policy


def edit_concession(parent: QWidget | None, session: Session, account_id: int,
                    concession=None):
    """Record a concession to the account (or edit `concession`) with the promises received
    in return, saved through `session` as one undoable edit; the saved Concession, or None
    when the user cancels."""
    from handover.ui.editors.concession_editor import ConcessionDialog

    dialog = ConcessionDialog(session, account_id, concession, parent)
    return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_discount_policy(parent: QWidget | None, session: Session) -> None:
    """The discount policy and approval limits with their history; each row added or
    removed is saved at once through `session` (undoable)."""
    from handover.ui.editors.policy import PolicyDialog

    PolicyDialog(session, parent).exec()


# ---------------------------------------------------------------- handovers


def new_handover(parent: QWidget | None, session: Session, *, today, person_id=None,
                 account_id: int | None = None):
    """The "New handover" form: an account, the outgoing and incoming managers, the
    reviewing team lead and the due date, each refusal beside its field. The handover as
    created (one undoable edit of the session); None when the user cancels."""
    from handover.ui.editors.new_handover import NewHandoverDialog

    dialog = NewHandoverDialog(session, today=today, person_id=person_id,
                               account_id=account_id, parent=parent)
    return dialog.created if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_leaver_plan(parent: QWidget | None, ws, *, today, leaver_id: int | None = None,
                    reviewer_id: int | None = None):
    """A leaver's book handed over: whose accounts go to which incoming manager, by when,
    reviewed by whom (a domain.leaver.LeaverPlan); None when the user cancels. Writes
    nothing."""
    from handover.ui.editors.leaver_plan import LeaverDialog

    dialog = LeaverDialog(ws, today=today, leaver_id=leaver_id, reviewer_id=reviewer_id,
                          parent=parent)
    return dialog.plan() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReturnReasonDialog(QDialog):
    """Asks why a handover goes back to the outgoing manager; Return stays disabled until
    a reason is written."""

    def __init__(self, parent: QWidget | None = None, account_name: str = ""):
        super().__init__(parent)
        from PySide6.QtWidgets import QPlainTextEdit

        self.setWindowTitle("Return the handover")
        self.setMinimumWidth(480)
        intro = plain_label(f"The handover of {account_name or 'this account'} goes back to "
                            "the outgoing manager. Say what is missing or unclear, so they know "
                            "what to fix.")
        intro.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText("e.g. The risks section is empty: what happens if "
                                            "the champion leaves?")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Return")
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.reason().strip())))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.buttons)

    def reason(self) -> str:
        return self.reason_edit.toPlainText()


def ask_return_reason(parent: QWidget | None, account_name: str = "") -> str | None:
    """Why the handover goes back to the outgoing manager; None when the user cancels."""
    dialog = ReturnReasonDialog(parent, account_name)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason().strip() or None


def ask_team_template(parent: QWidget | None, directory: Path | None = None) -> Path | None:
    """The team's handover template (a TOML file) the user picks; None when they cancel."""
    name, _ = QFileDialog.getOpenFileName(parent, "Choose the team's handover template",
                                          str(directory or ""),
                                          "Handover templates (*.toml);;All files (*)")
    return Path(name) if name else None


# ---------------------------------------------------------------- briefs: export and preview


def ask_export_options(parent: QWidget | None, count: int, *, folder: Path | None = None,
                       fmt: str = "pdf", page_size: str = "A4"):
    """Where the briefs of `count` handovers go, in which format and on which paper: an
    export_dialog.ExportChoice (its folder exists), or None when the user cancels."""
    from handover.ui.editors.export_dialog import ExportOptionsDialog

    dialog = ExportOptionsDialog(count, folder=folder, fmt=fmt, page_size=page_size,
                                 parent=parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_export_folder(parent: QWidget | None, directory: Path | None = None) -> Path | None:
    """The folder the user picks for exported briefs; None when they cancel."""
    name = QFileDialog.getExistingDirectory(parent, "Export the briefs into",
                                            str(directory or ""))
    return Path(name) if name else None


BRIEF_FILTERS = {"pdf": "PDF documents (*.pdf)", "html": "Web pages (*.html)",
                 "md": "Markdown (*.md)"}


def ask_brief_save_path(parent: QWidget | None, suggested: Path, fmt: str) -> Path | None:
    """Where the user wants one brief saved (`suggested` first); None when they cancel."""
    name, _ = QFileDialog.getSaveFileName(parent, "Save the brief", str(suggested),
                                          f"{BRIEF_FILTERS[fmt]};;All files (*)")
    return Path(name) if name else None


def preview_brief(parent: QWidget | None, data, *, settings=None) -> None:
    """The brief as it will print, with page navigation, zoom, the paper size and the
    buttons that save it as PDF, HTML or Markdown."""
    from handover.ui.editors.brief_preview import PreviewDialog

    PreviewDialog(data, settings=settings, parent=parent).exec()
