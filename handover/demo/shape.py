"""How the demo portfolio is shaped: the day its story is told from, its size limits, the mix
of segments, stories and handovers, the ranges of each kind of record and the discount rules."""

from __future__ import annotations

import datetime as dt

from handover.domain.handover import Status
from handover.domain.records import (
    BuyingRole,
    ConcessionKind,
    Health,
    InteractionKind,
    Role,
    Segment,
)

# The day the demo's story is told from. Fixed, not the wall clock, so that one seed always
# gives the same workspace content.
DEMO_TODAY = dt.date(2026, 11, 25)

# Accounts written per transaction: bounds memory and lets progress be reported.
CHUNK_ACCOUNTS = 500

# From this many accounts on, account 1 is "large": the brief a benchmark exports.
LARGE_FROM = 1000
LARGE_INTERACTIONS = 1000
LARGE_CONCESSIONS = 500

DEMO_USER = "Handover demo"
EMAIL_DOMAIN = "handover.example"

# the buying roles that ask for concessions
NEGOTIATORS = (BuyingRole.ECONOMIC_BUYER, BuyingRole.GATEKEEPER, BuyingRole.DECISION_MAKER,
               BuyingRole.BLOCKER)

SEGMENTS = (Segment.STRATEGIC, Segment.KEY, Segment.MID_SIZE, Segment.SMALL)
SEGMENT_WEIGHTS = (5, 15, 40, 40)
# annual revenue, low..high, in the account's currency
REVENUE = {Segment.STRATEGIC: (2_000_000, 12_000_000), Segment.KEY: (600_000, 2_500_000),
           Segment.MID_SIZE: (120_000, 600_000), Segment.SMALL: (15_000, 120_000)}
CONTACTS = {Segment.STRATEGIC: (6, 8), Segment.KEY: (5, 8), Segment.MID_SIZE: (4, 6),
            Segment.SMALL: (3, 5)}
INTERACTIONS = {Segment.STRATEGIC: (45, 110), Segment.KEY: (25, 60),
                Segment.MID_SIZE: (10, 28), Segment.SMALL: (4, 14)}
CONCESSIONS = {Segment.STRATEGIC: (28, 60), Segment.KEY: (15, 32), Segment.MID_SIZE: (5, 13),
               Segment.SMALL: (2, 7)}
COMMITMENTS = (3, 6)

# segment: (target %, maximum %) now, and two years earlier, when the policy was looser
POLICY_NOW = {Segment.STRATEGIC: (12, 20), Segment.KEY: (10, 18), Segment.MID_SIZE: (8, 15),
              Segment.SMALL: (5, 10)}
POLICY_BEFORE = {Segment.STRATEGIC: (15, 25), Segment.KEY: (12, 22),
                 Segment.MID_SIZE: (10, 18), Segment.SMALL: (7, 12)}
LIMITS_NOW = {Role.ACCOUNT_MANAGER: 5.0, Role.TEAM_LEAD: 15.0}
LIMITS_BEFORE = {Role.ACCOUNT_MANAGER: 7.5, Role.TEAM_LEAD: 20.0}

# What a concession applies to: the whole contract down to one order; how often each, by
# the number of concessions an account has.
SCOPES = (1.0, 0.5, 0.25, 0.1, 0.03, 0.01)
SCOPE_WEIGHTS = ((8, (6, 3, 2, 1, 0, 0)), (25, (2, 3, 4, 4, 1, 0)), (60, (1, 2, 4, 8, 4, 1)),
                 (10**9, (0, 0, 1, 4, 20, 75)))
HALF_POINTS = (ConcessionKind.PRICE_DISCOUNT, ConcessionKind.REBATE,
               ConcessionKind.VOLUME_BONUS, ConcessionKind.EARLY_PAYMENT_DISCOUNT)

# The portfolio's kinds of account. "neglected" is a mid-size account whose potential is
# many times its size but that nobody visits.
HEALTHY, STEADY, DAMAGED, NEGLECTED = "healthy", "steady", "damaged", "neglected"

# The first accounts, so that even a small demo shows every segment, health and story.
FORCED: tuple[tuple[Segment, str, Health], ...] = (
    (Segment.STRATEGIC, DAMAGED, Health.CRITICAL),
    (Segment.KEY, HEALTHY, Health.STABLE),
    (Segment.MID_SIZE, NEGLECTED, Health.WATCH),
    (Segment.SMALL, DAMAGED, Health.AT_RISK),
    (Segment.KEY, DAMAGED, Health.AT_RISK),
    (Segment.MID_SIZE, HEALTHY, Health.STABLE),
    (Segment.STRATEGIC, HEALTHY, Health.WATCH),
    (Segment.SMALL, STEADY, Health.WATCH),
    (Segment.MID_SIZE, NEGLECTED, Health.STABLE),
    (Segment.MID_SIZE, DAMAGED, Health.CRITICAL),
)
# The handovers of the first accounts, so every status shows.
FORCED_HANDOVERS = {0: Status.IN_REVIEW, 1: Status.ACCEPTED, 2: Status.DRAFT,
                    3: Status.RETURNED, 4: Status.SUBMITTED, 9: Status.IN_REVIEW}
HANDOVER_SHARE = 0.06
HANDOVER_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.ACCEPTED,
                     Status.RETURNED)
HANDOVER_STATUS_WEIGHTS = (30, 18, 20, 22, 10)

K = InteractionKind
KIND_WEIGHTS: dict[str, tuple[tuple[InteractionKind, ...], tuple[int, ...]]] = {
    HEALTHY: ((K.MEETING, K.CALL, K.EMAIL, K.REVIEW, K.ESCALATION, K.COMPLAINT, K.WIN,
               K.LOSS, K.OTHER), (22, 26, 34, 6, 1, 2, 6, 1, 2)),
    STEADY: ((K.MEETING, K.CALL, K.EMAIL, K.REVIEW, K.ESCALATION, K.COMPLAINT, K.WIN,
              K.LOSS, K.OTHER), (20, 25, 33, 5, 3, 5, 4, 2, 3)),
    DAMAGED: ((K.MEETING, K.CALL, K.EMAIL, K.REVIEW, K.ESCALATION, K.COMPLAINT, K.WIN,
               K.LOSS, K.OTHER), (16, 22, 28, 5, 12, 11, 1, 3, 2)),
    NEGLECTED: ((K.MEETING, K.CALL, K.EMAIL, K.REVIEW, K.COMPLAINT, K.WIN, K.OTHER),
                (10, 20, 55, 5, 3, 2, 5)),
}
# the usual sentiment of everyday contact (meetings, calls, e-mails)
MOOD = {HEALTHY: (0, 1, 1, 2, 0, 1, -1), STEADY: (-1, 0, 0, 1, 1, 0),
        DAMAGED: (-2, -1, -1, 0, 0, 1, -1), NEGLECTED: (0, 0, 1, 0)}

LOST_SHARE = 0.05  # of damaged accounts
# stable accounts sometimes have no reason written down
REASON_LEFT_BLANK = 0.12
