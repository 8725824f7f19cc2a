"""The checker, as the outgoing manager, the incoming manager and the team lead meet it:
findings that say what to fix and where, and a score that rises as the handover fills."""

import dataclasses
import datetime as dt
import textwrap

import pytest

from handover.domain.checker import (
    HandoverRecords,
    RecordRef,
    Severity,
    check_handover,
)
from handover.domain.handover import Handover, Party, Status
from handover.domain.records import (
    Account,
    Commitment,
    CommitmentStatus,
    Concession,
    ConcessionKind,
    Contact,
    Direction,
    Health,
    Interaction,
    Question,
)
from handover.domain.template import load_default_template, parse_template

TODAY = dt.date(2026, 3, 1)
OUTGOING, INCOMING = 1, 2

# A small template whose weights can be worked by hand:
#   glance.summary 2 (required), glance.words 1, people.contacts 1,
#   risks.contingencies 3 (error), risks.form 1, and the read-back field
SMALL = parse_template(textwrap.dedent("""
    name = "Small"

    [[sections]]
    key = "glance"
    title = "At a glance"
    records = "account"

    [[sections.fields]]
    key = "summary"
    label = "Summary"

    [[sections.checks]]
    id = "glance.summary"
    kind = "required"
    field = "summary"
    weight = 2

    [[sections.checks]]
    id = "glance.words"
    kind = "min_words"
    field = "summary"
    minimum = 5

    [[sections]]
    key = "people"
    title = "People"
    records = "contacts"

    [[sections.checks]]
    id = "people.contacts"
    kind = "min_items"
    records = "contacts"

    [[sections]]
    key = "concessions"
    title = "Concessions"
    records = "concessions"

    [[sections]]
    key = "promises"
    title = "Promises"
    records = "commitments"

    [[sections]]
    key = "risks"
    title = "Risks"

    [[sections.fields]]
    key = "contingencies"
    label = "Contingencies"
    kind = "list"

    [[sections.checks]]
    id = "risks.contingencies"
    kind = "min_items"
    field = "contingencies"
    weight = 3
    severity = "error"
    message = "Write at least one contingency."

    [[sections.checks]]
    id = "risks.form"
    kind = "items_match"
    field = "contingencies"
    pattern = '(?i)^if .+, then .+'
    message = "Write each contingency as 'If ..., then ...'."

    [[sections]]
    key = "read_back"
    title = "Read-back"

    [[sections.fields]]
    key = "read_back"
    label = "Read-back"
    read_back = true
    """), "small.toml")


def account(**changes):
    return Account(id=10, name="Brandt Logistik", currency="EUR", health=Health.AT_RISK,
                   **changes)


def handover(status=Status.DRAFT, **changes):
    made = Handover(account_id=10, outgoing_id=OUTGOING, incoming_id=INCOMING, id=5)
    return dataclasses.replace(made, status=status, **changes)


def records(**changes):
    made = HandoverRecords(account=account(health_reason="Two outages in Q4."))
    return dataclasses.replace(made, **changes)


def check(h=None, r=None, questions=(), template=SMALL):
    return check_handover(template, h or handover(), r or records(), questions, TODAY)


def ids(result, severity=None):
    return [f.check_id for f in result.findings if severity is None or f.severity is severity]


def one(result, check_id):
    found = [f for f in result.findings if f.check_id == check_id]
    assert len(found) == 1, result.findings
    return found[0]


def concession(id_, **changes):
    made = Concession(id=id_, account_id=10, date=dt.date(2025, 3, 12),
                      kind=ConcessionKind.PRICE_DISCOUNT, baseline_value=10_000,
                      conceded_value=1_500)
    return dataclasses.replace(made, **changes)


def contact(id_, **changes):
    made = Contact(id=id_, account_id=10, name="Dr. Weber", title="CFO", influence=5,
                   attitude=-1, last_contact=dt.date(2026, 2, 1))
    return dataclasses.replace(made, **changes)


# ---------------------------------------------------------------- the score


def test_the_score_rises_as_the_handover_fills():
    # Weights: summary 2 + words 1 + contacts 1 + contingency 3 + form 1 + health reason 2
    # + read-back 3 = 13. An empty list passes its form check, so 1 of 13 at the start.
    empty = account(health_reason="")
    steps = []
    h, r = handover(), records(account=empty)
    steps.append(check(h, r))
    h = dataclasses.replace(h, answers={"glance": {"summary": "Loyal for ten years, "
                                                               "angry since the outage."}})
    steps.append(check(h, r))  # + summary 2 + words 1
    r = dataclasses.replace(r, account=account(health_reason="Two outages in Q4."))
    steps.append(check(h, r))  # + health reason 2
    h = dataclasses.replace(h, answers={**h.answers, "risks": {
        "contingencies": "- If Weber asks for another credit, then offer a service review"}})
    steps.append(check(h, r))  # + contingency 3
    r = dataclasses.replace(r, contacts=(contact(1, influence=3),))
    steps.append(check(h, r))  # + contacts 1
    h = dataclasses.replace(h, read_back="They trust the product, not us.")
    steps.append(check(h, r))  # + read-back 3
    assert [s.score for s in steps] == [7, 30, 46, 69, 76, 100]  # 1, 4, 6, 9, 10, 13 of 13
    assert [(s.passed, s.total) for s in steps][0] == (1, 7)
    assert steps[-1].findings == () and not steps[-1].required_failed


def test_a_rule_shares_its_weight_among_the_records_it_applies_to():
    done = handover(answers={"glance": {"summary": "Loyal for ten years, angry since Q4."},
                             "risks": {"contingencies": "If they call, then answer."}},
                    read_back="Understood.")
    base = records(contacts=(contact(1, influence=3),))
    assert check(done, base).score == 100
    # concession.returned weighs 3: one of two concessions passing is 1.5 of 3 more.
    both = dataclasses.replace(base, concessions=(
        concession(1, nothing_in_return=True), concession(2)))
    result = check(done, both)
    assert (result.passed, result.total) == (8, 9)
    assert result.score == 90  # 14.5 of 16


def test_the_score_is_100_only_when_every_check_passes():
    done = handover(answers={"glance": {"summary": "Loyal for ten years, angry since Q4."},
                             "risks": {"contingencies": "If they call, then answer."}},
                    read_back="Understood.")
    many = tuple(concession(i, nothing_in_return=i > 1) for i in range(1, 2001))
    result = check(done, records(contacts=(contact(1, influence=3),), concessions=many))
    assert result.score == 99 and result.required_failed


# ---------------------------------------------------------------- template checks


def test_an_empty_required_field_is_an_error_at_its_place():
    finding = one(check(), "glance.summary")
    assert finding.severity is Severity.ERROR
    assert finding.message == "Fill in \u201cSummary\u201d."
    assert (finding.section_key, finding.field_key, finding.party) == (
        "glance", "summary", Party.OUTGOING)


def test_an_empty_required_field_is_not_also_told_it_is_too_short():
    assert "glance.words" not in ids(check())
    short = check(handover(answers={"glance": {"summary": "Angry."}}))
    assert one(short, "glance.words").message == (
        "Write at least 5 words in \u201cSummary\u201d (1 of 5 words).")
    assert one(short, "glance.words").severity is Severity.WARNING


def test_a_list_with_too_few_items_says_how_many_there_are():
    finding = one(check(), "risks.contingencies")
    assert finding.message == "Write at least one contingency (0 of 1)."
    assert finding.severity is Severity.ERROR


def test_lines_not_in_the_form_asked_for_are_quoted():
    h = handover(answers={"risks": {"contingencies": "If Weber leaves, then call Jan\n"
                                                     "Watch the CFO"}})
    result = check(h)
    assert "risks.contingencies" not in ids(result)
    assert one(result, "risks.form").message == (
        "Write each contingency as 'If ..., then ...' (1 of 2 not: \u201cWatch the CFO\u201d).")


def test_too_few_records_on_the_account_is_told_with_the_count():
    finding = one(check(), "people.contacts")
    assert finding.message == "Add at least 1 stakeholders to the account (0 so far)."
    assert finding.section_key == "people" and finding.record is None
    assert "people.contacts" not in ids(check(r=records(contacts=(contact(1),))))


# ---------------------------------------------------------------- record rules


def test_a_concession_with_nothing_said_in_return_is_an_error_on_that_concession():
    result = check(r=records(concessions=(concession(12),)))
    finding = one(result, "concession.returned")
    assert finding.message == ("Concession of 12 Mar 2025 (price discount, 15%): say what was "
                               "received in return (a promise of theirs), or mark it "
                               "'nothing'.")
    assert finding.severity is Severity.ERROR
    assert (finding.section_key, finding.record) == ("concessions", RecordRef("concessions", 12))


@pytest.mark.parametrize("answered", [
    pytest.param({"nothing_in_return": True}, id="nothing-said-explicitly"),
    pytest.param({"returns": True}, id="a-promise-of-theirs"),
])
def test_a_concession_that_says_what_came_back_passes(answered):
    given = concession(12, nothing_in_return=answered.get("nothing_in_return", False))
    promises = ()
    if answered.get("returns"):
        promises = (Commitment(id=7, account_id=10, direction=Direction.THEIRS,
                               description="Order 20% more volume in 2026",
                               due_date=dt.date(2026, 12, 31), concession_id=12),)
    result = check(r=records(concessions=(given,), commitments=promises))
    assert "concession.returned" not in ids(result)


def test_a_non_price_concession_is_named_by_its_terms():
    terms = concession(3, kind=ConcessionKind.PAYMENT_TERMS, baseline_value=0,
                       conceded_value=0, terms_before="net 30", terms_after="net 60")
    finding = one(check(r=records(concessions=(terms,))), "concession.returned")
    assert finding.message.startswith("Concession of 12 Mar 2025 (payment terms, "
                                      "net 30 \u2192 net 60): ")


def test_an_open_promise_without_a_due_date_is_an_error():
    promise = Commitment(id=7, account_id=10, direction=Direction.OURS,
                         description="Send the revised SLA", date=dt.date(2026, 2, 3))
    finding = one(check(r=records(commitments=(promise,))), "commitment.due_date")
    assert finding.message == ("Our promise \u201cSend the revised SLA\u201d (made 3 Feb "
                               "2026): give it a due date.")
    assert (finding.section_key, finding.record) == ("promises", RecordRef("commitments", 7))


@pytest.mark.parametrize("changes", [
    pytest.param({"due_date": dt.date(2026, 4, 1)}, id="dated"),
    pytest.param({"status": CommitmentStatus.KEPT}, id="kept"),
    pytest.param({"status": CommitmentStatus.WITHDRAWN}, id="withdrawn"),
])
def test_a_dated_or_closed_promise_passes(changes):
    promise = dataclasses.replace(Commitment(id=7, account_id=10, direction=Direction.THEIRS,
                                             description="Pay within 30 days"), **changes)
    assert "commitment.due_date" not in ids(check(r=records(commitments=(promise,))))


def test_an_influential_contact_without_an_attitude_is_an_error():
    finding = one(check(r=records(contacts=(contact(4, attitude=None),))), "contact.attitude")
    assert finding.message == ("Dr. Weber (CFO, influence 5): say where they stand towards us "
                               "(attitude, from hostile to advocate).")
    assert (finding.section_key, finding.record) == ("people", RecordRef("contacts", 4))


def test_a_neutral_attitude_is_an_attitude():
    assert "contact.attitude" not in ids(check(r=records(contacts=(contact(4, attitude=0),))))


def test_contacts_of_little_influence_are_not_held_to_the_rule():
    quiet = contact(4, influence=3, attitude=None, last_contact=None)
    result = check(r=records(contacts=(quiet,)))
    assert not {"contact.attitude", "contact.recent"} & set(ids(result))


@pytest.mark.parametrize("last, message", [
    (dt.date(2025, 12, 1), "Dr. Weber (CFO, influence 5): last contact 1 Dec 2025, 90 days "
                           "ago; meet or call them before the handover."),
    (dt.date(2025, 11, 30), "Dr. Weber (CFO, influence 5): last contact 30 Nov 2025, 91 days "
                            "ago; meet or call them before the handover."),
    (None, "Dr. Weber (CFO, influence 5): no contact on record; meet or call them before the "
           "handover, or record when you last spoke."),
], ids=["90-days", "91-days", "never"])
def test_an_influential_contact_not_met_for_90_days_is_a_warning(last, message):
    result = check(r=records(contacts=(contact(4, last_contact=last),)))
    if last == dt.date(2025, 12, 1):
        assert "contact.recent" not in ids(result)
        return
    finding = one(result, "contact.recent")
    assert finding.message == message
    assert finding.severity is Severity.WARNING


def test_a_recent_meeting_in_the_history_counts_as_contact():
    stale = contact(4, last_contact=dt.date(2025, 6, 1))
    meeting = Interaction(id=1, account_id=10, date=dt.date(2026, 2, 20), contact_ids=(4,))
    result = check(r=records(contacts=(stale,), interactions=(meeting,)))
    assert "contact.recent" not in ids(result)


def test_health_without_a_reason_is_an_error_on_the_account():
    finding = one(check(r=records(account=account())), "account.health_reason")
    assert finding.message == "Say why the account's health is 'At risk' (its health reason)."
    assert (finding.section_key, finding.field_key, finding.record) == (
        "glance", "health_reason", RecordRef("accounts", 10))


def test_the_read_back_is_the_incoming_managers_and_due_at_review():
    draft = one(check(handover(Status.DRAFT)), "handover.read_back")
    assert draft.severity is Severity.INFO and draft.party is Party.INCOMING
    review = one(check(handover(Status.IN_REVIEW)), "handover.read_back")
    assert review.severity is Severity.ERROR
    assert review.message.startswith("Write the read-back")
    assert (review.section_key, review.field_key) == ("read_back", "read_back")
    written = handover(Status.IN_REVIEW, read_back="Angry but loyal.")
    assert "handover.read_back" not in ids(check(written))


def test_every_question_is_answered():
    asked = Question(id=3, handover_id=5, section="people", text="Who really decides on price?",
                     asked_at=dt.datetime(2026, 2, 27, 9, 30))
    finding = one(check(questions=[asked]), "question.answered")
    assert finding.message == ("Answer the question on \u201cPeople\u201d (asked 27 Feb 2026): "
                               "\u201cWho really decides on price?\u201d")
    assert (finding.severity, finding.section_key) == (Severity.ERROR, "people")
    answered = dataclasses.replace(asked, answer="Jan Brandt, the owner.")
    assert "question.answered" not in ids(check(questions=[answered]))


# ---------------------------------------------------------------- the result


def test_findings_come_in_the_order_of_the_sections_and_errors_first():
    h = handover(answers={"glance": {"summary": "Angry."}})
    r = records(account=account(), contacts=(contact(4, attitude=None, last_contact=None),))
    result = check(h, r)
    assert [(f.section_key, f.severity.value) for f in result.findings] == [
        ("glance", "error"), ("glance", "warning"),
        ("people", "error"), ("people", "warning"),
        ("risks", "error"), ("read_back", "info")]
    assert result.counts() == {"error": 3, "warning": 2, "info": 1}
    assert not result.section_done("glance") and result.section_done("read_back")


def test_warnings_alone_do_not_fail_the_check():
    h = handover(answers={"glance": {"summary": "Angry."},
                          "risks": {"contingencies": "If they call, then answer."}})
    result = check(h, records(contacts=(contact(1, last_contact=None),)))
    assert {f.severity for f in result.findings} == {Severity.WARNING, Severity.INFO}
    assert not result.required_failed
    assert result.as_dict()["required_failed"] is False
    assert result.as_dict()["findings"][0] == {
        "severity": "warning", "message": "Write at least 5 words in \u201cSummary\u201d "
        "(1 of 5 words).", "section": "glance", "field": "summary", "record": None,
        "check": "glance.words", "party": "outgoing"}


# ---------------------------------------------------------------- the default template


FILLED = {
    "glance": {
        "summary": "Brandt is a key account at risk: two outages in Q4 cost us the CFO's "
                   "trust. Revenue is 400k against a potential of 1.2M. The renewal on 30 June "
                   "depends on the outage credit and a credible service plan.",
        "renewal_outlook": "A signed service plan by May; the CFO decides.",
    },
    "story": {
        "how_we_got_here": " ".join(["We won Brandt in 2019 against two rivals."] * 10),
        "what_went_wrong": "Two outages in Q4; the credit took eight weeks.",
        "what_went_right": "The warehouse roll-out in 2022.",
    },
    "people": {
        "how_decisions_are_made": "The owner, Jan Brandt, signs; the CFO sets the budget.",
        "meet_first": "- Dr. Weber (CFO): still angry about the outage credit",
        "not_to_trust": "nobody",
    },
    "history": {
        "key_events": "- 2019 win\n- 2022 roll-out\n- 2025 Q4 outages",
        "open_grievances": "The outage credit was late.",
    },
    "concessions": {
        "precedents": "The 15% discount of 2025.", "buyer_tactics": "The flinch.",
        "policy_position": "At the segment maximum.", "next_negotiation": "Hold at 15%.",
    },
    "promises": {"most_at_stake": "The revised SLA by April."},
    "risks": {
        "risks": "- The CFO moves to a rival",
        "contingencies": "- If Weber asks for another credit, then offer a service review",
        "early_warnings": "Late payments.",
    },
    "first_90_days": {
        "actions": "- Meet Dr. Weber \u2014 Anna \u2014 2026-03-15\n"
                   "- Send the SLA \u2014 Tom \u2014 2026-04-01\n"
                   "- Review the credit | Anna | 30 Apr 2026",
        "joint_meeting": "The March steering meeting.",
    },
}
READ_BACK = " ".join(["Brandt is loyal but angry after the outages and the late credit."] * 6)


def test_a_fully_written_handover_passes_the_default_template():
    template = load_default_template()
    full = records(contacts=(contact(1), contact(2, name="Jan Brandt", title="Owner")),
                   interactions=(Interaction(id=1, account_id=10, date=dt.date(2026, 2, 1)),))
    h = handover(Status.IN_REVIEW, answers=FILLED, read_back=READ_BACK)
    result = check(h, full, template=template)
    assert result.findings == ()
    assert result.score == 100


def test_on_the_default_template_the_score_rises_section_by_section():
    template = load_default_template()
    full = records(contacts=(contact(1), contact(2, name="Jan Brandt", title="Owner")),
                   interactions=(Interaction(id=1, account_id=10, date=dt.date(2026, 2, 1)),))
    answers, scores = {}, []
    for section in template.sections:
        answers = {**answers, section.key: FILLED.get(section.key, {})}
        read_back = READ_BACK if section.key == "read_back" else ""
        h = handover(Status.IN_REVIEW, answers=answers, read_back=read_back)
        scores.append(check(h, full, template=template).score)
    assert scores == sorted(scores) and len(set(scores)) == len(scores)
    assert scores[-1] == 100


def test_the_default_template_checks_actions_have_an_owner_and_a_date():
    template = load_default_template()
    answers = {**FILLED, "first_90_days": {**FILLED["first_90_days"],
                                           "actions": "- Meet Dr. Weber\n- Send the SLA "
                                                      "\u2014 Tom \u2014 2026-04-01\n- Call"}}
    result = check(handover(answers=answers), template=template)
    finding = one(result, "first_90_days.actions.form")
    assert finding.message == ("Give each action an owner and a date: 'action \u2014 owner "
                               "\u2014 2026-04-15' (2 of 3 not: \u201cMeet Dr. Weber\u201d).")
    assert finding.severity is Severity.WARNING


# ---------------------------------------------------------------- what went wrong


def test_a_breach_of_authority_is_an_error_until_the_concessions_section_names_it():
    from handover.domain.records import ApprovalLimit, Person

    dana = Person(id=OUTGOING, name="Dana Smith")
    breach = HandoverRecords(
        account=account(health_reason="Price pressure."), people=(dana,),
        concessions=(concession(1, nothing_in_return=True, granted_by_id=OUTGOING),),
        limits=(ApprovalLimit(role="account_manager", effective_from=dt.date(2024, 1, 1),
                              limit_pct=10),))
    found = one(check(r=breach), "concession.authority")
    assert found.severity is Severity.ERROR
    assert found.record == RecordRef("concessions", 1) and found.section_key == "concessions"
    assert "15% is above Dana Smith's approval limit of 10%" in found.message
    # Only a field of the template's concessions section explains: SMALL's has none.
    default = load_default_template()
    why = {"concessions": {"policy_position": "The 15% of 12 Mar 2025 was agreed by the VP."}}
    assert one(check(handover(answers=why), breach),
               "concession.authority").severity is Severity.ERROR
    explained = check(handover(answers=why), breach, template=default)
    assert one(explained, "concession.authority").severity is Severity.WARNING
    unrelated = {"concessions": {"policy_position": "All within policy since 2024."}}
    assert one(check(handover(answers=unrelated), breach, template=default),
               "concession.authority").severity is Severity.ERROR
    approved = dataclasses.replace(breach, concessions=(dataclasses.replace(
        breach.concessions[0], approved_by_id=INCOMING),))
    assert "concession.authority" not in ids(check(r=approved))


def test_an_account_is_neglected_from_3x_potential_and_90_days_without_contact():
    from handover.domain.neglect import neglected

    assert neglected(100, 300, TODAY - dt.timedelta(days=90), TODAY)
    assert not neglected(100, 299, TODAY - dt.timedelta(days=200), TODAY)
    assert not neglected(100, 600, TODAY - dt.timedelta(days=89), TODAY)
    assert neglected(0, 50, None, TODAY)  # potential, no revenue yet, never met
    assert not neglected(0, 0, None, TODAY)
    alone = records(account=account(health_reason="Quiet.", current_revenue=10_000,
                                    potential_revenue=60_000))
    found = one(check(r=alone), "account.neglected")
    assert (found.severity, found.section_key) == (Severity.WARNING, "glance")
    assert "no contact on record" in found.message


def test_a_promise_past_due_and_a_broken_one_are_warnings_on_the_promises_section():
    late = Commitment(id=1, account_id=10, direction=Direction.OURS, description="Send SLA",
                      due_date=TODAY - dt.timedelta(days=3))
    broken = Commitment(id=2, account_id=10, direction=Direction.THEIRS,
                        description="Volume 500k", status=CommitmentStatus.BROKEN)
    result = check(r=records(commitments=(late, broken)))
    overdue = one(result, "commitment.overdue")
    assert (overdue.severity, overdue.section_key) == (Severity.WARNING, "promises")
    assert "3 days ago" in overdue.message
    assert one(result, "commitment.broken").record == RecordRef("commitments", 2)
