"""The records refuse bad values with a message that names the field and the problem."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handover.domain.errors import ValidationError
from handover.domain.records import (
    Account,
    ApprovalLimit,
    AskedBy,
    Baseline,
    BuyingRole,
    Choice,
    Commitment,
    CommitmentStatus,
    Concession,
    ConcessionKind,
    Contact,
    Direction,
    DiscountPolicy,
    Health,
    Interaction,
    InteractionKind,
    Person,
    Question,
    Recurrence,
    Role,
    Segment,
    Tactic,
    Trigger,
    in_force,
)

DAY = dt.date(2026, 3, 1)


def refused(make, field):
    """Build a record that must be refused; the error, for its message."""
    with pytest.raises(ValidationError) as caught:
        make()
    assert caught.value.field == field, caught.value
    assert str(caught.value).startswith(f"{field}: ")
    return caught.value


# ---------------------------------------------------------------- names


@pytest.mark.parametrize("make", [
    lambda name: Person(name=name),
    lambda name: Account(name=name),
    lambda name: Contact(account_id=1, name=name),
], ids=["person", "account", "contact"])
@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_record_without_a_name_is_refused(make, name):
    error = refused(lambda: make(name), "name")
    assert error.message == "must not be empty"


def test_names_are_kept_without_surrounding_blanks():
    assert Person(name="  Dana Smith ").name == "Dana Smith"
    assert Account(name="Acme GmbH\n").name == "Acme GmbH"


def test_a_name_longer_than_200_characters_is_refused():
    error = refused(lambda: Account(name="A" * 201), "name")
    assert "201 characters long; at most 200" in error.message


# ---------------------------------------------------------------- people


@pytest.mark.parametrize("email", ["dana", "@example.com", "dana@"])
def test_a_person_with_a_bad_email_is_refused(email):
    error = refused(lambda: Person(name="Dana", email=email), "email")
    assert error.message == f"{email!r} is not an email address"


def test_a_person_may_have_no_email():
    assert Person(name="Dana").email == ""
    assert Person(name="Dana", email=" dana@example.com ").email == "dana@example.com"


def test_a_person_with_an_unknown_role_is_refused():
    error = refused(lambda: Person(name="Dana", role="sales god"), "role")
    assert "unknown role 'sales god'" in error.message
    assert "(one of: account_manager, team_lead)" in error.message


# ---------------------------------------------------------------- accounts


def test_an_account_in_an_unknown_segment_is_refused_with_the_allowed_values():
    error = refused(lambda: Account(name="Acme", segment="huge"), "segment")
    assert error.message == ("unknown segment 'huge' "
                             "(one of: strategic, key, mid_size, small)")


@pytest.mark.parametrize("currency", ["", "EURO", "E1R", "€", None])
def test_an_account_in_a_bad_currency_is_refused(currency):
    error = refused(lambda: Account(name="Acme", currency=currency), "currency")
    assert "is not a three-letter currency code" in error.message


def test_a_currency_code_is_kept_in_capitals():
    assert Account(name="Acme", currency=" chf ").currency == "CHF"


@pytest.mark.parametrize("field", ["current_revenue", "potential_revenue"])
def test_negative_revenue_is_refused(field):
    error = refused(lambda: Account(name="Acme", **{field: -5}), field)
    assert error.message == "-5 is negative; amounts are zero or more"


@pytest.mark.parametrize("value", ["lots", "nan", float("inf")])
def test_revenue_that_is_not_money_is_refused(value):
    error = refused(lambda: Account(name="Acme", current_revenue=value), "current_revenue")
    assert "is not an amount of money" in error.message


def test_money_is_kept_to_the_cent():
    assert Account(name="Acme", current_revenue="1234.5678").current_revenue == 1234.57


def test_a_renewal_date_that_is_not_a_date_is_refused():
    error = refused(lambda: Account(name="Acme", renewal_date="next spring"), "renewal_date")
    assert error.message == "'next spring' is not a date (YYYY-MM-DD)"


def test_dates_are_read_from_iso_text():
    assert Account(name="Acme", renewal_date="2026-12-31").renewal_date == dt.date(2026, 12, 31)


# ---------------------------------------------------------------- contacts


@given(st.integers(-2, 2))
def test_any_attitude_from_hostile_to_advocate_is_accepted(attitude):
    assert Contact(account_id=1, name="Eva", attitude=attitude).attitude == attitude


@given(st.integers().filter(lambda n: not -2 <= n <= 2))
def test_any_attitude_outside_minus_two_to_two_is_refused(attitude):
    error = refused(lambda: Contact(account_id=1, name="Eva", attitude=attitude), "attitude")
    assert error.message == f"{attitude} is outside -2 to 2"


def test_an_unknown_attitude_is_left_blank():
    assert Contact(account_id=1, name="Eva").attitude is None


@pytest.mark.parametrize("attitude", [float("inf"), float("nan"), "friendly"])
def test_an_attitude_that_is_no_number_is_refused(attitude):
    error = refused(lambda: Contact(account_id=1, name="Eva", attitude=attitude), "attitude")
    assert error.message == f"{attitude!r} is not a whole number from -2 to 2"


def test_an_attitude_in_between_is_refused():
    error = refused(lambda: Contact(account_id=1, name="Eva", attitude=1.5), "attitude")
    assert error.message == "1.5 is not a whole number from -2 to 2"


@pytest.mark.parametrize("field", ["influence", "relationship_strength"])
@given(value=st.integers(1, 5))
def test_any_influence_and_relationship_from_one_to_five_is_accepted(field, value):
    contact = Contact(account_id=1, name="Eva", **{field: value})
    assert getattr(contact, field) == value


@pytest.mark.parametrize("field", ["influence", "relationship_strength"])
@given(value=st.integers().filter(lambda n: not 1 <= n <= 5))
def test_any_influence_and_relationship_outside_one_to_five_is_refused(field, value):
    error = refused(lambda: Contact(account_id=1, name="Eva", **{field: value}), field)
    assert error.message == f"{value} is outside 1 to 5"


def test_a_contact_without_an_influence_is_refused():
    error = refused(lambda: Contact(account_id=1, name="Eva", influence=None), "influence")
    assert error.message == "is required (1 to 5)"


def test_a_contact_with_an_unknown_buying_role_is_refused():
    error = refused(lambda: Contact(account_id=1, name="Eva", buying_role="kingmaker"),
                    "buying_role")
    assert "unknown buying role 'kingmaker'" in error.message
    assert "economic_buyer" in error.message and "blocker" in error.message


# ---------------------------------------------------------------- interactions


@given(st.integers(-2, 2))
def test_any_sentiment_from_minus_two_to_two_is_accepted(sentiment):
    assert Interaction(account_id=1, date=DAY, sentiment=sentiment).sentiment == sentiment


@given(st.integers().filter(lambda n: not -2 <= n <= 2))
def test_any_sentiment_outside_minus_two_to_two_is_refused(sentiment):
    error = refused(lambda: Interaction(account_id=1, date=DAY, sentiment=sentiment),
                    "sentiment")
    assert error.message == f"{sentiment} is outside -2 to 2"


def test_an_interaction_needs_a_date():
    error = refused(lambda: Interaction(account_id=1, date=None), "date")
    assert error.message == "is required"


def test_an_interaction_of_an_unknown_kind_is_refused():
    error = refused(lambda: Interaction(account_id=1, date=DAY, kind="telepathy"), "kind")
    assert "unknown interaction kind 'telepathy'" in error.message


# ---------------------------------------------------------------- commitments


def test_a_promise_due_before_it_was_made_is_refused():
    error = refused(lambda: Commitment(account_id=1, direction="ours", description="Fix it",
                                       date=DAY, due_date=DAY - dt.timedelta(days=1)),
                    "due_date")
    assert error.message == "2026-02-28 is before the date it was made 2026-03-01"


def test_a_promise_due_the_day_it_was_made_is_accepted():
    promise = Commitment(account_id=1, direction="ours", description="Call back",
                         date=DAY, due_date=DAY)
    assert promise.due_date == DAY


def test_a_promise_needs_a_description():
    error = refused(lambda: Commitment(account_id=1, direction="ours", description=" "),
                    "description")
    assert error.message == "must not be empty"


def test_a_promise_with_an_unknown_direction_is_refused():
    error = refused(lambda: Commitment(account_id=1, direction="sideways",
                                       description="x"), "direction")
    assert "(one of: ours, theirs)" in error.message


def test_what_we_got_in_return_for_a_concession_must_be_their_promise():
    error = refused(lambda: Commitment(account_id=1, direction="ours", description="x",
                                       concession_id=7), "direction")
    assert "is a promise of theirs" in error.message


def test_a_promise_with_a_negative_value_is_refused():
    error = refused(lambda: Commitment(account_id=1, direction="theirs", description="Volume",
                                       value=-100), "value")
    assert error.message == "-100 is negative; amounts are zero or more"


def test_an_open_promise_past_its_due_date_is_overdue():
    promise = Commitment(account_id=1, direction="ours", description="x", due_date=DAY)
    assert promise.is_overdue(DAY + dt.timedelta(days=1))
    assert not promise.is_overdue(DAY)
    kept = Commitment(account_id=1, direction="ours", description="x", due_date=DAY,
                      status="kept")
    assert not kept.is_overdue(DAY + dt.timedelta(days=1))


# ---------------------------------------------------------------- concessions


def test_a_discount_above_100_percent_is_refused():
    error = refused(lambda: Concession(account_id=1, date=DAY, baseline_value=1000,
                                       conceded_value=1200), "conceded_value")
    assert error.message == ("1,200.00 is a 120.0% discount; a discount is at most 100% of "
                             "the baseline 1,000.00")


@pytest.mark.parametrize("field", ["baseline_value", "conceded_value"])
def test_a_concession_with_negative_money_is_refused(field):
    error = refused(lambda: Concession(account_id=1, date=DAY, **{field: -1}), field)
    assert "is negative" in error.message


@given(baseline=st.floats(0, 1e9), share=st.floats(0, 1))
def test_any_concession_up_to_its_baseline_gives_a_discount_from_0_to_100(baseline, share):
    concession = Concession(account_id=1, date=DAY, baseline_value=baseline,
                            conceded_value=baseline * share)
    pct = concession.discount_pct
    if concession.baseline_value == 0:
        assert pct is None
    else:
        assert 0 <= pct <= 100


@given(baseline=st.floats(0.01, 1e9), excess=st.floats(0.01, 1e9))
def test_any_concession_above_its_baseline_is_refused(baseline, excess):
    error = refused(lambda: Concession(account_id=1, date=DAY, baseline_value=baseline,
                                       conceded_value=baseline + excess), "conceded_value")
    assert "a discount is at most 100% of the baseline" in error.message


def test_a_discount_is_the_conceded_share_of_the_baseline():
    concession = Concession(account_id=1, date=DAY, baseline_value=80_000,
                            conceded_value=12_000)
    assert concession.discount_pct == 15.0


def test_a_concession_expiring_before_it_was_given_is_refused():
    error = refused(lambda: Concession(account_id=1, date=DAY, expiry="2026-01-31"), "expiry")
    assert error.message == "2026-01-31 is before the date it was given 2026-03-01"


def test_a_concession_is_live_from_its_date_until_its_expiry():
    concession = Concession(account_id=1, date=DAY, expiry=dt.date(2026, 12, 31))
    assert not concession.is_live(dt.date(2026, 2, 28))
    assert concession.is_live(DAY) and concession.is_live(dt.date(2026, 12, 31))
    assert not concession.is_live(dt.date(2027, 1, 1))


def test_a_concession_with_an_unknown_tactic_is_refused():
    error = refused(lambda: Concession(account_id=1, date=DAY, tactics={"flinch", "charm"}),
                    "tactics")
    assert "unknown tactic 'charm'" in error.message


def test_tactics_are_read_from_their_labels():
    concession = Concession(account_id=1, date=DAY,
                            tactics=["Good cop / bad cop", "higher authority", Tactic.NIBBLE])
    assert concession.tactics == {Tactic.GOOD_COP_BAD_COP, Tactic.HIGHER_AUTHORITY,
                                  Tactic.NIBBLE}


# ---------------------------------------------------------------- policy


def test_a_policy_whose_target_is_above_its_maximum_is_refused():
    error = refused(lambda: DiscountPolicy(segment="key", effective_from=DAY,
                                           target_pct=20, max_pct=15), "target_pct")
    assert error.message == "20% is above the maximum 15%"


@pytest.mark.parametrize("make, field", [
    (lambda pct: DiscountPolicy(segment="key", effective_from=DAY, target_pct=pct,
                                max_pct=100), "target_pct"),
    (lambda pct: DiscountPolicy(segment="key", effective_from=DAY, target_pct=0,
                                max_pct=pct), "max_pct"),
    (lambda pct: ApprovalLimit(role="account_manager", effective_from=DAY, limit_pct=pct),
     "limit_pct"),
], ids=["target", "maximum", "limit"])
@given(pct=st.floats(0, 100))
def test_any_percentage_from_0_to_100_is_accepted(make, field, pct):
    assert getattr(make(pct), field) == pct


@pytest.mark.parametrize("make, field", [
    (lambda pct: DiscountPolicy(segment="key", effective_from=DAY, target_pct=pct,
                                max_pct=100), "target_pct"),
    (lambda pct: DiscountPolicy(segment="key", effective_from=DAY, target_pct=0,
                                max_pct=pct), "max_pct"),
    (lambda pct: ApprovalLimit(role="account_manager", effective_from=DAY, limit_pct=pct),
     "limit_pct"),
], ids=["target", "maximum", "limit"])
@given(pct=st.floats(allow_nan=False).filter(lambda p: not 0 <= p <= 100))
def test_any_percentage_outside_0_to_100_is_refused(make, field, pct):
    error = refused(lambda: make(pct), field)
    assert error.message == f"{pct:g}% is outside 0% to 100%"


def test_a_percentage_that_is_not_a_number_is_refused():
    error = refused(lambda: ApprovalLimit(role="team_lead", effective_from=DAY,
                                          limit_pct="a lot"), "limit_pct")
    assert error.message == "'a lot' is not a percentage"


def test_the_policy_in_force_is_the_latest_one_not_after_the_day():
    policies = [
        DiscountPolicy(segment="key", effective_from=dt.date(2024, 1, 1), target_pct=5,
                       max_pct=10),
        DiscountPolicy(segment="key", effective_from=dt.date(2026, 1, 1), target_pct=8,
                       max_pct=12),
        DiscountPolicy(segment="small", effective_from=dt.date(2025, 1, 1), target_pct=2,
                       max_pct=4),
        DiscountPolicy(segment="key", effective_from=dt.date(2025, 1, 1), target_pct=6,
                       max_pct=11),
    ]
    key = Segment.KEY
    assert in_force(policies, dt.date(2023, 12, 31), segment=key) is None
    assert in_force(policies, dt.date(2024, 6, 1), segment=key).max_pct == 10
    assert in_force(policies, dt.date(2025, 1, 1), segment=key).max_pct == 11
    assert in_force(policies, dt.date(2025, 12, 31), segment=key).max_pct == 11
    assert in_force(policies, dt.date(2026, 1, 1), segment=key).max_pct == 12
    assert in_force(policies, dt.date(2030, 1, 1), segment="small").max_pct == 4
    assert in_force(policies, dt.date(2030, 1, 1), segment="strategic") is None


def test_the_approval_limit_in_force_is_chosen_by_role_and_date():
    limits = [
        ApprovalLimit(role="account_manager", effective_from=dt.date(2025, 1, 1),
                      limit_pct=5),
        ApprovalLimit(role="team_lead", effective_from=dt.date(2025, 1, 1), limit_pct=15),
        ApprovalLimit(role="account_manager", effective_from=dt.date(2026, 1, 1),
                      limit_pct=7),
    ]
    assert in_force(limits, dt.date(2025, 6, 1), role=Role.ACCOUNT_MANAGER).limit_pct == 5
    assert in_force(limits, dt.date(2026, 6, 1), role=Role.ACCOUNT_MANAGER).limit_pct == 7
    assert in_force(limits, dt.date(2026, 6, 1), role=Role.TEAM_LEAD).limit_pct == 15


# ---------------------------------------------------------------- questions


def test_a_question_needs_a_section_and_text():
    assert refused(lambda: Question(handover_id=1, section="", text="Why?"),
                   "section").message == "must not be empty"
    assert refused(lambda: Question(handover_id=1, section="people", text=" "),
                   "text").message == "must not be empty"


def test_a_question_is_answered_once_it_has_an_answer():
    question = Question(handover_id=1, section="people", text="Who signs?")
    assert not question.answered
    assert Question(handover_id=1, section="people", text="Who signs?",
                    answer="The CFO").answered


# ---------------------------------------------------------------- choices

ALL_CHOICES = [Role, Segment, Health, BuyingRole, InteractionKind, Direction,
               CommitmentStatus, ConcessionKind, Baseline, AskedBy, Trigger, Tactic,
               Recurrence]
EVERY_MEMBER = [member for choice in ALL_CHOICES for member in choice]


@pytest.mark.parametrize("text", ["Mid-size", "mid_size", "mid-size", "MID SIZE", " Mid-size "])
def test_a_segment_is_read_from_its_value_or_its_label(text):
    assert Segment.parse(text, "segment") is Segment.MID_SIZE


def test_mid_size_is_shown_as_mid_size():
    assert Segment.MID_SIZE.label == "Mid-size"
    assert Health.AT_RISK.label == "At risk"
    assert Segment.STRATEGIC.label == "Strategic"


@pytest.mark.parametrize("member", EVERY_MEMBER, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_choice_is_read_back_from_its_value_and_its_label(member):
    choice = type(member)
    assert choice.parse(member.value, "f") is member
    assert choice.parse(member.label, "f") is member
    assert choice.parse(member.label.upper(), "f") is member
    assert choice.parse(member, "f") is member


def test_choices_are_subclasses_of_choice():
    assert all(issubclass(c, Choice) for c in ALL_CHOICES)
