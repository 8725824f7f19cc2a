"""Read-only queries that feed the screens: one SQL statement each, shaped for a table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handover.domain.records import Contact, Health, Interaction, Person, Role, Segment
from handover.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One line of the accounts list: the account with its owner, its last contact and its
    open promises counted, ready to show."""

    id: int
    name: str
    segment: Segment
    health: Health
    health_reason: str
    current_revenue: float
    potential_revenue: float
    currency: str
    owner: str | None  # the owner's name; None when nobody owns the account
    renewal_date: dt.date | None
    last_contact: dt.date | None  # the latest interaction or contact date, whichever is later
    open_ours: int  # open promises we owe the customer
    open_theirs: int  # open promises the customer owes us
    owner_id: int | None = None
    archived: bool = False


# Measured on 10,000 accounts / 200,000 interactions: the latest interaction is cheapest as
# a correlated seek on the covering index interactions(account_id, date); contacts and open
# promises are cheapest grouped once and joined (a per-account seek on them would have to
# read each row besides its index entry).
_ACCOUNT_ROWS_SQL = """
SELECT a.id, a.name, a.segment, a.health, a.health_reason, a.current_revenue,
       a.potential_revenue, a.currency, p.name, a.renewal_date,
       (SELECT max(i.date) FROM interactions i WHERE i.account_id = a.id),
       c.last_contact, coalesce(m.ours, 0), coalesce(m.theirs, 0), a.owner_id, a.archived
FROM accounts a
LEFT JOIN people p ON p.id = a.owner_id
LEFT JOIN (SELECT account_id, max(last_contact) AS last_contact
             FROM contacts GROUP BY account_id) c ON c.account_id = a.id
LEFT JOIN (SELECT account_id, sum(direction = 'ours') AS ours,
                  sum(direction = 'theirs') AS theirs
             FROM commitments WHERE status = 'open' GROUP BY account_id) m
       ON m.account_id = a.id
{where}
ORDER BY a.name COLLATE NOCASE, a.id
"""


# One account's line, for redrawing it after an edit: every figure is a seek on an index,
# where the grouped joins above would read the whole of contacts and commitments.
_ONE_ACCOUNT_ROW_SQL = """
SELECT a.id, a.name, a.segment, a.health, a.health_reason, a.current_revenue,
       a.potential_revenue, a.currency, p.name, a.renewal_date,
       (SELECT max(i.date) FROM interactions i WHERE i.account_id = a.id),
       (SELECT max(c.last_contact) FROM contacts c WHERE c.account_id = a.id),
       (SELECT count(*) FROM commitments m
         WHERE m.account_id = a.id AND m.status = 'open' AND m.direction = 'ours'),
       (SELECT count(*) FROM commitments m
         WHERE m.account_id = a.id AND m.status = 'open' AND m.direction = 'theirs'),
       a.owner_id, a.archived
FROM accounts a
LEFT JOIN people p ON p.id = a.owner_id
WHERE a.id = ?
"""


def account_rows(ws: Workspace, *, include_archived: bool = False) -> list[AccountRow]:
    """Every account of the workspace as the accounts list shows it, sorted by name;
    archived accounts only when asked for."""
    where = "" if include_archived else "WHERE a.archived = 0"
    return _rows(ws.db.execute(_ACCOUNT_ROWS_SQL.format(where=where)))


def account_row(ws: Workspace, account_id: int) -> AccountRow | None:
    """One account as the accounts list shows it (archived or not); None when there is no
    account with that id."""
    rows = _rows(ws.db.execute(_ONE_ACCOUNT_ROW_SQL, [account_id]))
    return rows[0] if rows else None


def _rows(cursor) -> list[AccountRow]:
    segments = {s.value: s for s in Segment}
    healths = {h.value: h for h in Health}
    # Many accounts share a date; parsing each distinct one once halves the Python time.
    dates: dict[str | None, dt.date | None] = {None: None, "": None}

    def day(text: str | None) -> dt.date | None:
        found = dates.get(text, dates)
        if found is dates:
            found = dates[text] = dt.date.fromisoformat(text)
        return found

    rows = []
    for (id_, name, segment, health, reason, current, potential, currency, owner, renewal,
         last_interaction, last_contact, ours, theirs, owner_id, archived) in cursor:
        # ISO dates compare as text; the later of the two is the last contact.
        last = last_interaction if (last_contact is None or (
            last_interaction is not None and last_interaction > last_contact)) else last_contact
        rows.append(AccountRow(id_, name, segments[segment], healths[health], reason or "",
                               current or 0.0, potential or 0.0, currency, owner,
                               day(renewal), day(last), ours, theirs, owner_id,
                               bool(archived)))
    return rows


def people_by_name(ws: Workspace) -> list[Person]:
    """The team members of the workspace in alphabetical order: who may own an account."""
    return ws.all(Person, order_by="name COLLATE NOCASE, id")


def person_id_named(ws: Workspace, name: str) -> int | None:
    """The id of the team member called `name` (the current user, say); None when the
    workspace does not know them. Unlike `Workspace.person_named`, never adds anyone, so it
    works on a workspace open read-only."""
    found = ws.all(Person, "name = ?", [name.strip()])
    return found[0].id if found else None


def contacts_of(ws: Workspace, account_id: int) -> list[Contact]:
    """The account's people (contacts), by name."""
    return ws.all(Contact, "account_id = ?", [account_id], order_by="name COLLATE NOCASE, id")


def interactions_naming(ws: Workspace, contact_id: int) -> list[Interaction]:
    """The interactions that name the contact among those involved."""
    return ws.all(Interaction, "id IN (SELECT interaction_id FROM interaction_contacts "
                               "WHERE contact_id = ?)", [contact_id])


def handover_ids_of(ws: Workspace, account_id: int) -> list[int]:
    """The ids of the account's handovers, whatever their status."""
    return [id_ for (id_,) in ws.db.execute(
        "SELECT id FROM handovers WHERE account_id = ? ORDER BY id", [account_id])]


def accounts_named(ws: Workspace, name: str) -> list[int]:
    """The ids of the accounts (archived ones too) called `name`, in any case."""
    cursor = ws.db.execute("SELECT id FROM accounts WHERE name = ? COLLATE NOCASE ORDER BY id",
                           [name.strip()])
    return [id_ for (id_,) in cursor]


@dataclass(frozen=True, slots=True)
class TeamMember:
    """A team member with what waits for them in the workspace: the accounts they own and
    the handovers they hand over, receive (submitted or in review) and review."""

    id: int
    name: str
    role: Role
    accounts: int  # accounts owned, not archived
    handing_over: int  # handovers they hand over, not yet accepted
    receiving: int  # handovers waiting for them to review and accept
    reviewing: int  # handovers they review as team lead, not yet accepted


_TEAM_SQL = """
SELECT p.id, p.name, p.role,
       (SELECT count(*) FROM accounts a WHERE a.owner_id = p.id AND a.archived = 0),
       (SELECT count(*) FROM handovers h WHERE h.outgoing_id = p.id
                                           AND h.status != 'accepted'),
       (SELECT count(*) FROM handovers h WHERE h.incoming_id = p.id
                                           AND h.status IN ('submitted', 'in_review')),
       (SELECT count(*) FROM handovers h WHERE h.reviewer_id = p.id
                                           AND h.status != 'accepted')
FROM people p
ORDER BY p.name COLLATE NOCASE, p.id
"""


def team_members(ws: Workspace) -> list[TeamMember]:
    """Every team member of the workspace by name, with what waits for each: who the
    current user can be."""
    roles = {r.value: r for r in Role}
    return [TeamMember(id_, name, roles.get(role, Role.ACCOUNT_MANAGER), *counts)
            for id_, name, role, *counts in ws.db.execute(_TEAM_SQL)]
