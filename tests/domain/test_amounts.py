"""Amounts as people in different countries type them, read with their locale's decimal and
group characters; what could be read two ways is refused, never guessed."""

from __future__ import annotations

import pytest

from handover.domain.amounts import AmountError, read_amount

GERMAN = (",", ".")
FRENCH = (",", "\u202f")
US = (".", ",")
SWISS = (".", "'")


@pytest.mark.parametrize(("text", "locale", "meant"), [
    ("1.234,56", GERMAN, 1234.56),
    ("12.500", GERMAN, 12500),
    ("1.250.000", GERMAN, 1_250_000),
    ("12,5", GERMAN, 12.5),
    ("\u20ac 12.500,75", GERMAN, 12500.75),
    ("12 500,75", FRENCH, 12500.75),
    ("12\u202f500,75", FRENCH, 12500.75),  # the narrow no-break space Qt writes for fr_FR
    ("12\u00a0500,75", FRENCH, 12500.75),
    ("1,234.56", US, 1234.56),
    ("$1,250,000", US, 1_250_000),
    ("1.234", US, 1.234),
    ("1'234.56", SWISS, 1234.56),
    ("1\u2019234.56", SWISS, 1234.56),
    ("1'250'000", SWISS, 1_250_000),
    # The other common forms, where they can be read only one way.
    ("1,234.56", GERMAN, 1234.56),
    ("1.234,56", US, 1234.56),
    ("12.5", GERMAN, 12.5),
    ("1,5", US, 1.5),
    ("90 000", US, 90000),
    ("0", GERMAN, 0),
])
def test_an_amount_is_read_as_it_was_meant(text, locale, meant):
    assert read_amount(text, *locale) == meant


def test_an_empty_field_has_no_amount():
    assert read_amount("  ", *GERMAN) is None


@pytest.mark.parametrize(("text", "locale", "words"), [
    ("1.234", FRENCH, "could be 1234 or 1,234"),
    ("12.500", FRENCH, "could be 12500 or 12,500"),
    ("1,234", SWISS, "could be 1234 or 1.234"),
])
def test_what_could_be_read_two_ways_is_refused_with_both_readings(text, locale, words):
    with pytest.raises(AmountError) as refused:
        read_amount(text, *locale)
    assert refused.value.message.startswith(words)  # read after the field's name
    assert f"\u201c{text}\u201d" in refused.value.message


@pytest.mark.parametrize(("text", "locale", "words"), [
    ("1.23.4", GERMAN, "groups its digits oddly"),
    ("1.234 567", GERMAN, "'1.234 567' is not an amount of money"),
    ("1,234,56.7", US, "groups its digits oddly"),
    ("1.234.567,8,9", GERMAN, "is not an amount of money"),
    ("12k", US, "'12k' is not an amount of money"),
    ("1e5", US, "'1e5' is not an amount of money"),
    ("12,", GERMAN, "has no digits after its decimal mark"),
    ("1 234'567", FRENCH, "mixes apostrophes and spaces"),
])
def test_what_is_no_one_amount_is_refused_in_words(text, locale, words):
    with pytest.raises(AmountError, match=words):
        read_amount(text, *locale)
