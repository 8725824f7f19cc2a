"""A paste far longer than anyone writes (10 MB into an answer) or half a character (a lone
surrogate from a broken file) is refused with the field named, and nothing is written: the
handover, the question and the audit log stay as they were."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from handover.domain.errors import ValidationError
from handover.domain.handover import Handover, Status
from handover.domain.records import TEXT_LIMIT, Account, Contact, Person, Question
from handover.domain.template import load_default_template, with_answer
from handover.store import Workspace
from handover.store import handover_ops as ops

TEN_MB = "x" * 10_000_000


@pytest.fixture
def handover(tmp_path):
    ws = Workspace.create(tmp_path / "w.sqlite", user="Dana Smith")
    dana = ws.add(Person(name="Dana Smith"))
    lee = ws.add(Person(name="Lee Park"))
    account = ws.add(Account(name="Northwind Logistics", segment="key"))
    h = ws.add(Handover(account_id=account.id, outgoing_id=dana.id, incoming_id=lee.id,
                        created_on=dt.date(2026, 11, 2)))
    yield ws, h, dana, lee
    ws.close()


def summary_field():
    template = load_default_template()
    section = template.sections[0]
    return section.key, section.fields[0]


def test_a_ten_megabyte_answer_is_refused_by_name_and_nothing_is_written(handover):
    ws, h, dana, _ = handover
    key, field = summary_field()
    ops.save_answer(ws, h.id, key, field, "Two outages in Q4.")
    audit_before = len(ws.audit_entries())

    with pytest.raises(ValidationError) as refused:
        ops.save_answer(ws, h.id, key, field, TEN_MB)

    assert refused.value.field == field.key
    assert f"\u201c{field.label}\u201d is 10,000,000 characters long; at most 20,000" \
        in str(refused.value)
    assert ws.get(Handover, h.id).answers[key][field.key] == "Two outages in Q4."
    assert len(ws.audit_entries()) == audit_before


def test_an_answer_at_the_limit_is_kept(handover):
    ws, h, *_ = handover
    key, field = summary_field()
    saved = ops.save_answer(ws, h.id, key, field, "a" * TEXT_LIMIT)
    assert len(ws.get(Handover, saved.id).answers[key][field.key]) == TEXT_LIMIT


def test_many_answers_at_once_are_held_to_the_same_limit(handover):
    ws, h, *_ = handover
    with pytest.raises(ValidationError, match=r"answers\.story\.how_we_got_here: is 20001 "):
        ops.save_answers(ws, h.id, {"story": {"how_we_got_here": "a" * (TEXT_LIMIT + 1)}})
    assert ws.get(Handover, h.id).answers == {}


@pytest.mark.parametrize("field", ["read_back", "return_reason"])
def test_the_read_back_and_the_return_reason_have_the_limit_too(handover, field):
    _, h, *_ = handover
    with pytest.raises(ValidationError) as refused:
        dataclasses.replace(h, **{field: TEN_MB})
    assert refused.value.field == field


def test_a_long_question_or_answer_to_it_is_refused(handover):
    ws, h, dana, lee = handover
    ops.move(ws, h.id, Status.SUBMITTED, dana.id)
    with pytest.raises(ValidationError, match="^text: is 10000000 characters long"):
        ops.ask_question(ws, h.id, "people", TEN_MB, lee.id)
    q = ops.ask_question(ws, h.id, "people", "Who decides on price?", lee.id)
    with pytest.raises(ValidationError, match="^answer: is 10000000 characters long"):
        ops.answer_question(ws, q.id, TEN_MB, dana.id)
    assert ws.get(Question, q.id).answer == ""


def test_the_moved_handover_keeps_its_return_reason_to_the_limit(handover):
    ws, h, dana, lee = handover
    ops.move(ws, h.id, Status.SUBMITTED, dana.id)
    ops.move(ws, h.id, Status.IN_REVIEW, lee.id)
    with pytest.raises(ValidationError, match="^return_reason: "):
        ops.move(ws, h.id, Status.RETURNED, lee.id, reason=TEN_MB)
    assert ws.get(Handover, h.id).status is Status.IN_REVIEW


@pytest.mark.parametrize("make", [
    lambda: Person(name="Ana \ud800Ruiz"),
    lambda: Account(name="Northwind \udfff", segment="key"),
    lambda: Contact(account_id=1, name="Dr. \ud83d Weber"),
])
def test_a_name_with_half_a_character_is_refused_with_the_field_named(make):
    with pytest.raises(ValidationError) as refused:
        make()
    assert refused.value.field == "name"
    assert "broken character" in refused.value.message


def test_an_answer_with_half_a_character_is_refused(handover):
    _, h, *_ = handover
    key, field = summary_field()
    with pytest.raises(ValidationError, match=rf"^answers\.{key}\.{field.key}: has a broken"):
        with_answer(h, key, field, "ok \ud800")


def test_a_whole_emoji_is_a_character_like_any_other():
    assert Person(name="Ana \U0001F600 Ruiz").name == "Ana \U0001F600 Ruiz"
