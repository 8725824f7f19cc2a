"""The demo's maker: the team and the discount rules, then each account of the portfolio with
its contacts, history, concessions, promises and handover, all drawn from one seeded RNG."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import unicodedata
from collections.abc import Sequence

from handover.demo import shape
from handover.demo.concessions import make_concessions
from handover.demo.handovers import make_handover
from handover.demo.history import make_interactions
from handover.demo.placeholders import Fill, fill_now, warmest, without_hostile
from handover.demo.promises import make_commitments
from handover.demo.shape import (
    CONTACTS,
    DAMAGED,
    EMAIL_DOMAIN,
    FORCED,
    FORCED_HANDOVERS,
    HANDOVER_SHARE,
    HANDOVER_STATUS_WEIGHTS,
    HANDOVER_STATUSES,
    HEALTHY,
    LIMITS_BEFORE,
    LIMITS_NOW,
    LOST_SHARE,
    NEGLECTED,
    NEGOTIATORS,
    POLICY_BEFORE,
    POLICY_NOW,
    REASON_LEFT_BLANK,
    REVENUE,
    SEGMENT_WEIGHTS,
    SEGMENTS,
    STEADY,
)
from handover.demo.state import AccountPlan, ContactPlan, MakerState
from handover.demo.texts import (
    ADVICE_BY_ROLE,
    HEALTH_REASONS,
    HOSTILE_ADVICE,
    LOST_REASON,
    NOTES_BY_ATTITUDE,
)
from handover.demo.words import (
    ACCOUNT_MANAGERS,
    COMPETITORS,
    INDUSTRIES,
    NAME_FIRST,
    NAME_SECOND,
    NAME_VARIANT,
    NAME_WHOLE,
    NAMES,
    REGIONS,
    ROLES,
    TEAM_LEADS,
)
from handover.domain.handover import Status
from handover.domain.records import (
    Account,
    ApprovalLimit,
    BuyingRole,
    Contact,
    Direction,
    DiscountPolicy,
    Health,
    Person,
    Record,
    Role,
    Segment,
)


class Maker(MakerState):
    """Builds the records of a portfolio, one account at a time, with ids of its own."""

    # ------------------------------------------------------------ the team and the rules

    def team_and_rules(self) -> list[Record]:
        managers = min(len(ACCOUNT_MANAGERS), max(8, 8 + self.accounts // 1500))
        leads = 2 if managers < 12 else 3
        for name in TEAM_LEADS[:leads]:
            self.team.append(Person(name=name, email=email_of(name), role=Role.TEAM_LEAD,
                                    id=self.take("people")))
        for name in ACCOUNT_MANAGERS[:managers]:
            self.team.append(Person(name=name, email=email_of(name), role=Role.ACCOUNT_MANAGER,
                                    id=self.take("people")))
        self.leads = [p for p in self.team if p.role is Role.TEAM_LEAD]
        self.managers = [p for p in self.team if p.role is Role.ACCOUNT_MANAGER]
        self.lead_of = {m.id: self.leads[i % leads] for i, m in enumerate(self.managers)}
        for segment in SEGMENTS:
            for day, (target, most) in ((self.policy_before_from, POLICY_BEFORE[segment]),
                                        (self.policy_now_from, POLICY_NOW[segment])):
                self.policies.append(DiscountPolicy(
                    segment=segment, effective_from=day, target_pct=target, max_pct=most,
                    id=self.take("discount_policies")))
        for role in (Role.ACCOUNT_MANAGER, Role.TEAM_LEAD):
            for day, limit in ((self.policy_before_from, LIMITS_BEFORE[role]),
                               (self.policy_now_from, LIMITS_NOW[role])):
                self.limits.append(ApprovalLimit(role=role, effective_from=day, limit_pct=limit,
                                                 id=self.take("approval_limits")))
        return [*self.team, *self.policies, *self.limits]

    # ------------------------------------------------------------ one account

    def account(self, index: int) -> list[Record]:
        """The records of account number `index` (from 0): the account, its contacts,
        history, concessions and promises, and its handover if it has one."""
        rng = self.rng
        # LARGE_FROM is read from its module so that a test can make a small demo large
        large = index == 0 and self.accounts >= shape.LARGE_FROM
        if index < len(FORCED):
            segment, profile, health = FORCED[index]
        else:
            segment = rng.choices(SEGMENTS, SEGMENT_WEIGHTS)[0]
            profile = _pick_profile(rng, segment)
            health = _pick_health(rng, profile)
        # a few damaged accounts are already lost: archived, their last event the loss
        lost = profile == DAMAGED and index >= len(FORCED) and rng.random() < LOST_SHARE
        if lost:
            health = Health.CRITICAL
        region = rng.choices(self.region_names, self.region_weights)[0]
        _, places, suffixes = REGIONS[region]
        home, currency, cultures = rng.choice(places)
        cities = [home] + rng.sample([p[0] for p in places if p[0] != home], 2)
        industry = rng.choice(list(INDUSTRIES))
        low, high = REVENUE[segment]
        revenue = round(rng.uniform(low, high), -3)
        if large:
            revenue = 9_800_000.0
        if profile == NEGLECTED:
            potential = revenue * rng.uniform(5, 10)
        elif profile == DAMAGED:
            potential = revenue * rng.uniform(1.0, 1.5)
        else:
            potential = revenue * rng.uniform(1.1, 2.5)
        history_days = rng.randint(500, 1300)
        since = max(self.earliest, self.today - dt.timedelta(days=history_days))
        if profile == NEGLECTED:
            last_day = self.today - dt.timedelta(days=rng.randint(110, 420))
        elif lost:
            last_day = self.today - dt.timedelta(days=rng.randint(20, 300))
        else:
            last_day = self.today - dt.timedelta(days=rng.randint(0, 12))
        acct = AccountPlan(
            id=self.take("accounts"), index=index,
            name=self._company(industry, suffixes, home), segment=segment, profile=profile,
            health=health, industry=industry, region=region, currency=currency,
            cities=cities, competitor=rng.choice(COMPETITORS), revenue=revenue,
            potential=round(potential, -3),
            contract_value=round(revenue * rng.uniform(1.05, 1.2), -3), since=since,
            last_day=last_day, owner=rng.choice(self.managers), lost=lost)

        handover_status = FORCED_HANDOVERS.get(index)
        if handover_status is None and index >= len(FORCED) and not lost and \
                rng.random() < HANDOVER_SHARE * (2.5 if profile == DAMAGED else 1):
            handover_status = rng.choices(HANDOVER_STATUSES, HANDOVER_STATUS_WEIGHTS)[0]
        outgoing = incoming = acct.owner
        if handover_status is not None:
            incoming = rng.choice([m for m in self.managers if m.id != outgoing.id])
            if handover_status is Status.ACCEPTED:
                # The account has changed hands: what happened since is the incoming
                # manager's doing. Its owner is still the outgoing manager when written;
                # the acceptance hands it over, as in the program (signoffs.seal_accepted).
                acct.owner = incoming

        contacts_spec = self._contacts(acct, cultures, large)
        records: list[Record] = []
        interactions, events = make_interactions(self, acct, large)
        records += interactions
        records += [Contact(account_id=acct.id, name=c.name, title=c.title, buying_role=c.role,
                            attitude=c.attitude, influence=c.influence,
                            relationship_strength=self._strength(acct, c),
                            last_contact=c.last_contact, notes=notes, advice=advice, id=c.id)
                    for c, notes, advice in contacts_spec]
        concessions, returns, negotiation = make_concessions(self, acct, outgoing, large)
        records += concessions
        records += returns
        promises = make_commitments(self, acct, large)
        promises_at = len(records)
        records += promises
        acct.reason = self._health_reason(acct)
        renewal = None if lost else self.today + dt.timedelta(days=rng.randint(20, 420))
        records.append(Account(
            name=acct.name, segment=segment, industry=industry, region=region,
            currency=currency, current_revenue=revenue, potential_revenue=acct.potential,
            renewal_date=renewal, health=health, health_reason=acct.reason,
            owner_id=outgoing.id, archived=lost, id=acct.id))
        if handover_status is not None:
            handover = make_handover(self, acct, handover_status, outgoing, incoming, events,
                                     concessions, promises + returns, negotiation)
            records += handover
            signed = handover[0].signed_off_at
            if signed is not None:
                # Our promises made before the sign-off were the outgoing manager's: those
                # still open are now the incoming manager's to keep.
                records[promises_at:promises_at + len(promises)] = [
                    dataclasses.replace(p, made_by=outgoing.name)
                    if p.direction is Direction.OURS and p.date and p.date < signed.date()
                    else p for p in promises]
        return records

    def _company(self, industry: str, suffixes: Sequence[str], home: str) -> str:
        """A company name not used yet: "Northwind Logistics GmbH"; where every likely
        name is taken, one with the home town: "Northwind Logistics Munich GmbH"."""
        rng = self.rng
        for attempt in range(60):
            if rng.random() < 0.2:
                stem = rng.choice(NAME_WHOLE)
            else:
                stem = rng.choice(NAME_FIRST) + rng.choice(NAME_SECOND)
            word = rng.choice(INDUSTRIES[industry])
            variant = ""
            if attempt >= 20:
                variant = f" {home}"
            elif rng.random() < 0.15 and " " not in word:
                variant = rng.choice(NAME_VARIANT)
            name = f"{stem} {word}{variant} {rng.choice(suffixes)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        raise AssertionError("no free company name")  # pragma: no cover

    def _contacts(self, acct: AccountPlan, cultures: Sequence[str], large: bool):
        rng = self.rng
        low, high = CONTACTS[acct.segment]
        n = rng.randint(2, 4) if acct.profile == NEGLECTED else rng.randint(low, high)
        if large:
            n = 12
        roles = [BuyingRole.ECONOMIC_BUYER, BuyingRole.DECISION_MAKER, BuyingRole.GATEKEEPER]
        if acct.profile != DAMAGED or rng.random() < 0.6:
            roles.append(BuyingRole.CHAMPION)
        if acct.profile == DAMAGED and rng.random() < 0.6:
            roles.append(BuyingRole.BLOCKER)
        others = [r for r in ROLES if ROLES[r][2]]
        weights = [ROLES[r][2] for r in others]
        while len(roles) < n:
            roles.append(rng.choices(others, weights)[0])
        roles = roles[:max(n, 2)]
        used: list[str] = []  # first and family names already given at this account
        spec = []
        for role in roles:
            first_names, last_names = NAMES[rng.choice(cultures)]
            for _ in range(12):
                first, last = rng.choice(first_names), rng.choice(last_names)
                if first not in used and last not in used:
                    break
            name = f"{first} {last}"
            while name in used:
                first = rng.choice(first_names)
                name = f"{first} {rng.choice(last_names)}"
            used += [first, last, name]
            titles, (lo, hi), _ = ROLES[role]
            spec.append(ContactPlan(self.take("contacts"), name, first, rng.choice(titles),
                                    role, self._attitude(acct.profile, role), rng.randint(lo, hi)))
        acct.contacts = spec
        acct.negotiators = [c for c in spec if c.role in NEGOTIATORS] or spec
        if acct.profile == DAMAGED and (acct.index < len(FORCED) or rng.random() < 0.75):
            # the hostile buyer with the power to end the relationship
            hostile = rng.choice(acct.negotiators)
            hostile.attitude, hostile.influence = -2, 5
            acct.hostile = hostile
        acct.friendly = [c for c in spec if c.attitude is None or c.attitude >= 0] or spec
        acct.unfriendly = [c for c in spec if c.attitude is not None and c.attitude < 0] or spec
        champion = warmest(spec)
        out = []
        for c in spec:
            fill = Fill(self, acct, self.today, True, c1=c)
            notes = rng.choice(NOTES_BY_ATTITUDE[c.attitude]).format_map(fill)
            if c is acct.hostile or (c.attitude == -2 and c.influence >= 4):
                ally = champion if champion is not c else acct.role(BuyingRole.ECONOMIC_BUYER)
                fill["ally"] = ally.name if ally and ally is not c else "our VP Sales"
                advice = rng.choice(HOSTILE_ADVICE).format_map(fill)
            else:
                advice = rng.choice(ADVICE_BY_ROLE[c.role])
            out.append((c, notes, advice))
        return out

    def _attitude(self, profile: str, role: BuyingRole) -> int | None:
        rng = self.rng
        if role is BuyingRole.CHAMPION:
            return rng.choice((1, 2, 2))
        if role in (BuyingRole.USER, BuyingRole.INFLUENCER) and rng.random() < 0.1:
            return None  # nobody has found out
        if role is BuyingRole.BLOCKER:
            return rng.choice((-2, -1, -1, 0))
        return rng.choice({HEALTHY: (0, 1, 1, 2, 2, 0), STEADY: (-1, 0, 0, 1, 1),
                           DAMAGED: (-2, -1, -1, 0, 0, 1), NEGLECTED: (0, 0, 1, None)}[profile])

    def _strength(self, acct: AccountPlan, c: ContactPlan) -> int:
        if acct.profile == NEGLECTED:
            return self.rng.randint(1, 2)
        base = {HEALTHY: 4, STEADY: 3, DAMAGED: 2}[acct.profile]
        if c.attitude is not None:
            base += (c.attitude > 0) - (c.attitude < 0)
        return max(1, min(5, base + self.rng.choice((-1, 0, 0, 1))))

    # ------------------------------------------------------------ the account's words

    def _health_reason(self, acct: AccountPlan) -> str:
        rng = self.rng
        if acct.health is Health.STABLE and acct.profile != NEGLECTED and \
                rng.random() < REASON_LEFT_BLANK:
            return ""
        if acct.lost:
            return LOST_REASON.format_map(fill_now(self, acct))
        templates = without_hostile(HEALTH_REASONS[(acct.profile, acct.health)], acct) or \
            HEALTH_REASONS[(STEADY, Health.WATCH)]
        return rng.choice(templates).format_map(fill_now(self, acct))


def _pick_profile(rng: random.Random, segment: Segment) -> str:
    if segment is Segment.MID_SIZE:
        return rng.choices((HEALTHY, STEADY, DAMAGED, NEGLECTED), (36, 22, 17, 25))[0]
    return rng.choices((HEALTHY, STEADY, DAMAGED), (48, 32, 20))[0]


def _pick_health(rng: random.Random, profile: str) -> Health:
    if profile == DAMAGED:
        return rng.choices((Health.AT_RISK, Health.CRITICAL), (65, 35))[0]
    if profile == HEALTHY:
        return rng.choices((Health.STABLE, Health.WATCH), (80, 20))[0]
    return rng.choices((Health.STABLE, Health.WATCH), (45, 55))[0]


def email_of(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", ".").replace("'", "") + "@" + EMAIL_DOMAIN
