"""Reading an amount as a user typed it, given the decimal and group characters of their
locale: the locale's own form first, other common forms only where they cannot be misread."""

from __future__ import annotations

import re

from handover.domain.words import CURRENCY_SYMBOLS

# Characters that group thousands and never mark decimals, each mapped to one stand-in so that
# a locale's narrow no-break space accepts a plain space too (and ’ accepts ').
_SPACES = " \u00a0\u202f\u2009"
_GROUPS = {**dict.fromkeys(_SPACES, " "), "'": "'", "\u2019": "'", "_": "_"}
_SIGNS = "".join(set(CURRENCY_SYMBOLS.values()))
_SHAPE = re.compile(r"[0-9., '_]*")


class AmountError(ValueError):
    """Text that is not one amount for sure. The message reads after the field's name:
    "Current revenue could be 1234 or 1.234 ..."."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _group_char(char: str) -> str:
    return _GROUPS.get(char, char)


def read_amount(text: str, decimal: str, group: str) -> float | None:
    """The number in `text` read with the locale's `decimal` and `group` characters; None
    for an empty field. "1.234,56" is 1234.56 where the decimal is ",", and "1,234.56" is
    read the same anywhere, since the last of two different marks can only be the decimal.
    A lone "." or "," before exactly three digits that is neither the locale's decimal nor
    its group could be either, so it is refused rather than guessed."""
    body = text.strip().strip(_SIGNS).strip()
    negative = body.startswith("-")
    body = "".join(_group_char(c) for c in body.removeprefix("-").strip())
    group = _group_char(group)
    if not body:
        if negative:
            raise AmountError(f"has a sign but no number: \u201c{text.strip()}\u201d")
        return None
    if not _SHAPE.fullmatch(body) or not any(c.isdigit() for c in body):
        raise AmountError(f"{text.strip()!r} is not an amount of money")
    point = _decimal_mark(body, decimal, group, text.strip())
    whole, _, fraction = body.partition(point) if point else (body, "", "")
    if point and not fraction.isdigit():
        raise AmountError(f"has no digits after its decimal mark: \u201c{text.strip()}\u201d"
                          if not fraction else f"{text.strip()!r} is not an amount of money")
    marks = {c for c in whole if not c.isdigit()}
    if len(marks) > 1:
        raise AmountError(f"mixes {' and '.join(sorted(map(_named, marks)))} in "
                          f"\u201c{text.strip()}\u201d; group thousands one way")
    if marks:
        parts = whole.split(marks.pop())
        if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
            raise AmountError(f"groups its digits oddly in \u201c{text.strip()}\u201d; "
                              "thousands go in threes")
    digits = "".join(c for c in whole if c.isdigit()) or "0"
    number = float(f"{digits}.{fraction}" if fraction else digits)
    return -number if negative else number


def _decimal_mark(body: str, decimal: str, group: str, typed: str) -> str:
    """Which of "." and "," in `body` marks the decimals ("" for none)."""
    marks = [c for c in body if c in ".,"]
    if not marks:
        return ""
    kinds = set(marks)
    if len(kinds) == 2:
        last = marks[-1]  # the decimals come after every group, so only the last mark
        if marks.count(last) > 1:
            raise AmountError(f"{typed!r} is not an amount of money")
        return last
    mark = marks[0]
    if len(marks) > 1:
        return ""  # used more than once, it can only group thousands
    if any(c in body for c in " '_"):
        return mark  # thousands are grouped with something else
    before, after = body.split(mark)
    if mark == decimal:
        return mark
    if len(after) != 3 or not before or len(before) > 3 or before == "0":
        return mark  # not a group of thousands, so the decimals
    if mark == group:
        return ""
    local = f"{before}{decimal}{after}"
    raise AmountError(f"could be {before}{after} or {local}: \u201c{typed}\u201d is written "
                      f"both ways; type {before}{after} or {local}")


def _named(mark: str) -> str:
    return {" ": "spaces", "'": "apostrophes", "_": "underscores", ".": "points",
            ",": "commas"}[mark]
