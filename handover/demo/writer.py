"""Writing the demo workspace: a new file, the maker's records added through the store in
chunks of accounts, and the accepted handovers sealed as acceptance would."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from handover.demo.maker import Maker
from handover.demo.shape import CHUNK_ACCOUNTS, DEMO_TODAY, DEMO_USER
from handover.domain.errors import ValidationError
from handover.domain.handover import Handover
from handover.domain.records import (
    Account,
    ApprovalLimit,
    Commitment,
    Concession,
    Contact,
    DiscountPolicy,
    Interaction,
    Person,
    Question,
    Record,
)
from handover.store import Workspace
from handover.store.signoffs import seal_accepted


def write_demo(path: str | Path, *, accounts: int = 60, seed: int = 1,
               today: dt.date | None = None,
               progress: Callable[[int, int], object] | None = None) -> dict[str, int]:
    """Write a new demo workspace at `path` and return how many rows went into each table.

    The portfolio has every segment, health and handover status; healthy accounts beside
    damaged ones (hostile buyers with high influence, escalations, discounts above policy,
    concessions with nothing in return, promises broken on both sides) and neglected
    mid-size accounts whose potential is 5-10 times their size. The team is 8-15 account
    managers and 2-3 team leads; the discount policy has an older, looser version from two
    years before the current one.

    On average an account has ~5 contacts, ~20 interactions, ~10 concessions and 3-6
    promises, besides the promises received in return for concessions. From 1,000 accounts on,
    account 1 is large: 1,000 interactions and 500 concessions, and handover 1 is its
    handover, the big brief a benchmark exports.

    The same `seed` gives the same content (only the audit log's timestamps differ); the
    story is told as of `today`, by default the fixed DEMO_TODAY. `progress(done, total)`
    is called with the accounts written after each transaction. An existing non-empty file
    is refused with the store's WorkspaceError; if writing fails, the new file is removed.
    """
    if accounts < 1:
        raise ValidationError("accounts", f"{accounts} is too few; at least 1")
    path = Path(path)
    rng = random.Random(seed)
    ws = Workspace.create(path, user=DEMO_USER)
    counts: Counter[str] = Counter()

    def add(records: list[Record]) -> None:
        counts.update(ws.add_many(records, note="demo"))
        # the rows of the link tables add_many writes beside the records
        counts["interaction_contacts"] += sum(len(r.contact_ids) for r in records
                                              if isinstance(r, Interaction))
        counts["concession_tactics"] += sum(len(r.tactics) for r in records
                                            if isinstance(r, Concession))

    try:
        maker = Maker(rng, today or DEMO_TODAY, accounts, ws.next_ids())
        add(maker.team_and_rules())
        for start in range(0, accounts, CHUNK_ACCOUNTS):
            stop = min(accounts, start + CHUNK_ACCOUNTS)
            records: list[Record] = []
            for index in range(start, stop):
                records += maker.account(index)
            add(records)
            if progress is not None:
                progress(stop, accounts)
        seal_accepted(ws, "demo sign-offs")
    except BaseException:
        ws.close()
        path.unlink(missing_ok=True)
        raise
    ws.close()
    order = [Person.table, Account.table, Contact.table, Interaction.table,
             "interaction_contacts", Concession.table, "concession_tactics", Commitment.table,
             DiscountPolicy.table, ApprovalLimit.table, Handover.table, Question.table]
    return {table: counts[table] for table in order}
