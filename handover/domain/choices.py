"""The fixed lists a record's fields choose from (segment, health, buying role, ...), stored
as text and shown in the user's words."""

from __future__ import annotations

from enum import StrEnum

from handover.domain.errors import ValidationError


class Choice(StrEnum):
    """A fixed list whose values are stored as text and shown in the user's words."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def parse(cls, value: object, field_name: str):
        """The member for `value`, or a ValidationError that lists what is allowed."""
        if isinstance(value, cls):
            return value
        text = _key(str(value))
        for member in cls:
            if text in (member.value, _key(member.label)):
                return member
        allowed = ", ".join(m.value for m in cls)
        raise ValidationError(field_name, f"unknown {_words(cls.__name__)} {value!r} "
                                          f"(one of: {allowed})")


# Where the plain "value with spaces" reads badly, the label is spelled out.
_LABELS = {
    "mid_size": "Mid-size",
    "at_risk": "At risk",
    "us_unprompted": "We offered it unprompted",
    "early_payment_discount": "Early-payment discount",
    "contract_extension": "Contract extension or early renewal",
    "price_freeze": "Price freeze or cap",
    "service_level_upgrade": "Service-level upgrade",
    "credit_write_off": "Credit or write-off",
    "most_favoured_customer": "Most-favoured-customer clause",
    "free_goods_services": "Free goods or services",
    "good_cop_bad_cop": "Good cop / bad cop",
    "vise": "Vise (\u201cyou'll have to do better\u201d)",
    "bogey": "Bogey (a fake priority traded away)",
    "ultimatum": "Ultimatum or walk-away threat",
    "one_off": "One-off",
    "in_review": "In review",
}


def _key(text: str) -> str:
    # Input and labels are compared the same way, so "Credit or write-off" finds its member.
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def _words(class_name: str) -> str:
    out = "".join(" " + c.lower() if c.isupper() else c for c in class_name)
    return out.strip()


class Role(Choice):
    ACCOUNT_MANAGER = "account_manager"
    TEAM_LEAD = "team_lead"


class Segment(Choice):
    STRATEGIC = "strategic"
    KEY = "key"
    MID_SIZE = "mid_size"
    SMALL = "small"


class Health(Choice):
    STABLE = "stable"
    WATCH = "watch"
    AT_RISK = "at_risk"
    CRITICAL = "critical"


class BuyingRole(Choice):
    ECONOMIC_BUYER = "economic_buyer"
    DECISION_MAKER = "decision_maker"
    INFLUENCER = "influencer"
    USER = "user"
    GATEKEEPER = "gatekeeper"
    CHAMPION = "champion"
    BLOCKER = "blocker"


class InteractionKind(Choice):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    ESCALATION = "escalation"
    COMPLAINT = "complaint"
    REVIEW = "review"
    WIN = "win"
    LOSS = "loss"
    OTHER = "other"


class Direction(Choice):
    OURS = "ours"  # we owe the customer
    THEIRS = "theirs"  # the customer owes us


class CommitmentStatus(Choice):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"
    WITHDRAWN = "withdrawn"


class ConcessionKind(Choice):
    PRICE_DISCOUNT = "price_discount"
    REBATE = "rebate"
    VOLUME_BONUS = "volume_bonus"
    EARLY_PAYMENT_DISCOUNT = "early_payment_discount"
    PAYMENT_TERMS = "payment_terms"
    FREE_GOODS_SERVICES = "free_goods_services"
    CONTRACT_EXTENSION = "contract_extension"
    PRICE_FREEZE = "price_freeze"
    SERVICE_LEVEL_UPGRADE = "service_level_upgrade"
    CREDIT_WRITE_OFF = "credit_write_off"
    MOST_FAVOURED_CUSTOMER = "most_favoured_customer"
    OTHER = "other"


class Baseline(Choice):
    LIST_PRICE = "list_price"
    PRIOR_CONTRACT = "prior_contract"
    STANDARD_TERMS = "standard_terms"


class AskedBy(Choice):
    CUSTOMER = "customer"
    US_UNPROMPTED = "us_unprompted"


class Trigger(Choice):
    COMPETITOR_QUOTE = "competitor_quote"
    BUDGET = "budget"
    CHURN_THREAT = "churn_threat"
    SERVICE_FAILURE_REMEDY = "service_failure_remedy"
    VOLUME_OR_EXPANSION = "volume_or_expansion"
    PERIOD_END = "period_end"
    PROCUREMENT_MANDATE = "procurement_mandate"
    PRICE_INCREASE_PUSHBACK = "price_increase_pushback"
    OTHER = "other"


class Tactic(Choice):
    FLINCH = "flinch"
    HIGHER_AUTHORITY = "higher_authority"
    GOOD_COP_BAD_COP = "good_cop_bad_cop"
    VISE = "vise"
    NIBBLE = "nibble"
    DEADLINE_PRESSURE = "deadline_pressure"
    EXTREME_ANCHOR = "extreme_anchor"
    BOGEY = "bogey"
    SNOW_JOB = "snow_job"
    ULTIMATUM = "ultimatum"
    COMPETITOR_QUOTE = "competitor_quote"
    LATE_PROCUREMENT_SQUEEZE = "late_procurement_squeeze"
    SPLIT_THE_DIFFERENCE = "split_the_difference"
    EMOTIONAL_PRESSURE = "emotional_pressure"


class Recurrence(Choice):
    ONE_OFF = "one_off"
    RECURRING = "recurring"  # comes back at every renewal
    PERMANENT = "permanent"
