"""The handover template: the default one, a team's own, and broken ones that say where and
what is wrong while the default stays in use."""

import dataclasses
import sys
import textwrap

import pytest

from handover.domain.errors import HandoverError
from handover.domain.handover import Handover
from handover.domain.template import (
    TemplateError,
    answer,
    default_template_path,
    list_items,
    load_default_template,
    load_template,
    load_template_or_default,
    parse_template,
    with_answer,
    word_count,
)

NINE = ["glance", "story", "people", "history", "concessions", "promises", "risks",
        "first_90_days", "read_back"]


def toml(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


TEAM = toml("""
    name = "Team North"
    version = 2

    [[sections]]
    key = "story"
    title = "The story"
    guidance = ["How did we get here?"]

    [[sections.fields]]
    key = "how"
    label = "How we got here"
    required = true

    [[sections.fields]]
    key = "steps"
    label = "Next steps"
    kind = "list"

    [[sections.checks]]
    id = "story.steps"
    kind = "min_items"
    field = "steps"
    minimum = 2
    weight = 3
    """)


# ---------------------------------------------------------------- the default template


def test_the_default_template_has_the_nine_sections_of_the_design():
    template = load_default_template()
    assert [s.key for s in template.sections] == NINE
    assert template.source == str(default_template_path())
    for section in template.sections:
        assert section.title
        assert 2 <= len(section.guidance) <= 5, section.key
        assert all(q.endswith("?") or q.endswith(".") for q in section.guidance)
        assert section.fields, section.key
        assert section.checks, section.key
        assert all(c.weight > 0 for c in section.checks)


def test_the_default_template_shows_the_live_records_beside_their_sections():
    template = load_default_template()
    assert {s.key: s.records for s in template.sections if s.records} == {
        "glance": "account", "people": "contacts", "history": "interactions",
        "concessions": "concessions", "promises": "commitments"}


def test_the_default_asks_for_contingencies_dated_actions_and_a_read_back():
    template = load_default_template()
    risks = template.section("risks")
    assert risks.field("contingencies").kind == "list"
    assert any(c.kind == "min_items" and c.field == "contingencies" and c.severity == "error"
               for c in risks.checks)
    actions = template.section("first_90_days")
    assert any(c.kind == "items_match" and c.field == "actions" for c in actions.checks)
    section, field = template.read_back_field()
    assert section.key == "read_back" and field.read_back and field.required


def test_in_a_bundle_the_default_template_is_found_under_meipass(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert default_template_path() == tmp_path / "resources" / "templates" / "default.toml"


# ---------------------------------------------------------------- a team's template


def test_a_teams_template_is_read_with_its_fields_and_checks(tmp_path):
    path = tmp_path / "north.toml"
    path.write_text(TEAM, encoding="utf-8")
    template = load_template(path)
    assert template.name == "Team North" and template.version == "2"
    story = template.section("story")
    assert story.guidance == ("How did we get here?",)
    assert [(f.key, f.kind, f.required) for f in story.fields] == [
        ("how", "markdown", True), ("steps", "list", False)]
    steps = story.checks[0]
    assert (steps.id, steps.kind, steps.minimum, steps.weight, steps.severity) == (
        "story.steps", "min_items", 2, 3.0, "warning")


def test_required_on_a_field_stands_for_a_required_check():
    story = parse_template(TEAM).section("story")
    required = [c for c in story.checks if c.kind == "required"]
    assert [(c.id, c.field, c.severity, c.weight) for c in required] == [
        ("story.how.required", "how", "error", 1.0)]


def test_a_check_without_an_id_is_named_after_its_place():
    text = TEAM.replace('id = "story.steps"\n', "")
    assert parse_template(text).section("story").checks[0].id == "story.steps.min_items"


def test_the_team_template_is_used_when_it_is_whole(tmp_path):
    path = tmp_path / "north.toml"
    path.write_text(TEAM, encoding="utf-8")
    template, message = load_template_or_default(path)
    assert template.name == "Team North" and message is None


@pytest.mark.parametrize("path", [None, "", "  "])
def test_no_team_template_means_the_default_without_a_message(path):
    template, message = load_template_or_default(path)
    assert [s.key for s in template.sections] == NINE and message is None


# ---------------------------------------------------------------- broken templates


def broken(text: str) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, "north.toml")
    return caught.value


SECTION = toml("""
    name = "Team North"

    [[sections]]
    key = "story"
    title = "The story"
    """)


@pytest.mark.parametrize("text, line, problem", [
    pytest.param(SECTION + 'records = contacts\n', 6, "invalid value (column 11)",
                 id="toml-syntax"),
    pytest.param(SECTION + '\n[[sections]]\nkey = "people"\n', 7,
                 "section 'people' has no title", id="section-without-title"),
    pytest.param(SECTION + '\n[[sections.fields]]\nkey = "how"\nlabel = "How"\n'
                 'kind = "textarea"\n', 10,
                 "unknown kind 'textarea' (one of: markdown, text, date, list)",
                 id="unknown-field-kind"),
    pytest.param(SECTION + '\n[[sections.fields]]\nkey = "how"\nlabel = "How"\n'
                 '\n[[sections.checks]]\nkind = "required"\nfield = "why"\n', 13,
                 "refers to the field 'why', which section 'story' does not have "
                 "(its fields: how)", id="check-on-unknown-field"),
    pytest.param(SECTION + '\n[[sections]]\nkey = "story"\ntitle = "Again"\n', 8,
                 "duplicate section key 'story' (first used on line 4)",
                 id="duplicate-section-key"),
    pytest.param(SECTION + '\n[[sections.fields]]\nkey = "how"\nlabel = "How"\n'
                 '\n[[sections.checks]]\nkind = "required"\nfield = "how"\nweight = 0\n',
                 14, "weight of check 1 of section 'story' must be a positive number, not 0",
                 id="weight-zero"),
    pytest.param(SECTION + '\n[[sections.fields]]\nkey = "how"\nlabel = "How"\n'
                 '\n[[sections.checks]]\nkind = "required"\nfield = "how"\n'
                 'weight = "heavy"\n', 14, "must be a positive number, not 'heavy'",
                 id="weight-text"),
    pytest.param(SECTION + 'guidence = ["Why?"]\n', 6, "unknown key 'guidence' in section "
                 "'story'", id="misspelt-key"),
    pytest.param(SECTION + '\n[[sections.fields]]\nkey = "steps"\nlabel = "Steps"\n'
                 'kind = "list"\n\n[[sections.checks]]\nkind = "items_match"\n'
                 'field = "steps"\npattern = "(unclosed"\n', 15,
                 "is not a valid regular expression", id="bad-pattern"),
    pytest.param(SECTION + '\n[[sections.fields]]\nkey = "how"\nlabel = "How"\n'
                 '\n[[sections.checks]]\nkind = "min_items"\nfield = "how"\n', 13,
                 "a min_items check needs a list field, and 'how' is markdown",
                 id="min-items-on-text"),
    pytest.param(SECTION + 'guidance = [\n  "Who signs?",\n  "Who = decides?",\n]\n'
                 '\n[[sections.fields]]\nkey = "how"\nlabel = "How"\n'
                 'help = """\nkind = "list"\n"""\nkind = "table"\n', 17,
                 "unknown kind 'table'", id="after-multi-line-values"),
    pytest.param('name = "Team North"\n', None, "the template has no sections",
                 id="no-sections"),
    pytest.param(SECTION + '\n[[sections.fields]]\nkey = "a"\nlabel = "A"\nread_back = true\n'
                 '\n[[sections.fields]]\nkey = "b"\nlabel = "B"\nread_back = true\n', 15,
                 "a handover has one read-back", id="two-read-backs"),
])
def test_a_broken_template_names_the_line_and_the_problem(text, line, problem):
    error = broken(text)
    assert isinstance(error, HandoverError)
    assert error.line == line
    assert problem in error.problem
    where = f"north.toml, line {line}: " if line else "north.toml: "
    assert str(error) == where + error.problem


def test_a_toml_syntax_error_names_the_line_and_column():
    error = broken('name = "Team North\n')
    assert str(error) == ("north.toml, line 1: the line ends inside a string: a closing quote "
                          "is missing (column 19)")
    error = broken(SECTION + 'title = "Again"\n')
    assert str(error) == ("north.toml, line 6: this key already has a value (a key may be "
                          "given once) (column 16)")


def test_a_broken_team_template_leaves_the_default_in_use_and_says_why(tmp_path):
    path = tmp_path / "north.toml"
    path.write_text(TEAM.replace("weight = 3", "weight = -1"), encoding="utf-8")
    template, message = load_template_or_default(path)
    assert [s.key for s in template.sections] == NINE
    assert message.startswith(f"{path}, line 24: weight of check 'story.steps' of section "
                              "'story' must be a positive number, not -1")
    assert message.endswith("The default template is in use instead.")


def test_a_missing_template_file_is_named(tmp_path):
    path = tmp_path / "gone.toml"
    template, message = load_template_or_default(path)
    assert [s.key for s in template.sections] == NINE
    assert message.startswith(f"{path}: cannot be read (No such file or directory)")


def test_a_template_that_is_not_text_names_the_line(tmp_path):
    path = tmp_path / "north.toml"
    path.write_bytes(b'name = "North"\n\n[[sections]]\ntitle = "\xff\xfe"\n')
    with pytest.raises(TemplateError, match=r"north\.toml, line 4: is not UTF-8 text"):
        load_template(path)


# ---------------------------------------------------------------- answers


def test_list_items_ignore_bullets_numbers_and_blank_lines():
    text = "- Meet Dr. Weber\n\n* Call Jan\n  about the credit\n3. Send the SLA\n   \n"
    assert list_items(text) == ["Meet Dr. Weber", "Call Jan about the credit", "Send the SLA"]
    assert list_items("") == []
    assert word_count("The CFO's budget, cut 20% in Q3.") == 8


def test_the_read_back_field_reads_and_writes_the_handovers_read_back():
    template = load_default_template()
    handover = Handover(account_id=1, outgoing_id=1, incoming_id=2)
    section, field = template.read_back_field()
    story = template.section("story")
    how = story.field("how_we_got_here")
    handover = with_answer(handover, section.key, field, "They feel let down.")
    handover = with_answer(handover, story.key, how, "Won in 2019.")
    assert handover.read_back == "They feel let down."
    assert handover.answers == {"story": {"how_we_got_here": "Won in 2019."}}
    assert answer(handover, section.key, field) == "They feel let down."
    assert answer(handover, story.key, how) == "Won in 2019."
    assert answer(handover, story.key, story.field("what_went_wrong")) == ""
    # the handover given is left as it was
    first = Handover(account_id=1, outgoing_id=1, incoming_id=2, answers={"story": {}})
    with_answer(first, "story", how, "x")
    assert first.answers == {"story": {}}


def test_templates_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_default_template().name = "x"
