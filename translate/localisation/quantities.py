"""Dates, times, numbers and amounts in running text, recognised per language.

:func:`recognise` finds them in a text written in one language and returns
:class:`Quantity` spans with their values; :mod:`translate.localisation.rendering` writes
a quantity the way a target locale does; :func:`quantity_keys` gives the
language-independent keys the QA "numbers" check compares between a source and its
translation ("May 21, 2021" and «21 мая 2021 г.» have the same key).

The patterns are data. Month names, decimal and grouping marks and the words for
thousand/million/… (long and short, every plural form) come from CLDR through babel, for
any language; the word order of dates and the few words CLDR lacks (``года``, ``թ.``,
``percent``) sit in the per-language tables of :mod:`translate.languages`, with a fallback.

Not recognised, on purpose: a month with a year but no day ("in May 2021": Russian and
Armenian put the month in a case the engine must choose), number words ("two"), ranges
as one unit (each end is a number), negative signs.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import get_decimal_symbol, get_group_symbol

from translate.languages import rules_for
from translate.locales import language_of, parse_locale

# Currency signs written next to an amount, and the ISO code each means.
CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "֏": "AMD"}

# --- the model -------------------------------------------------------------------------


class Kind(str, enum.Enum):
    DATE = "date"
    TIME = "time"  # a time of day: 15:30, 3:30 p.m.
    DURATION = "duration"  # a media player's clock: 0:01:29 (written the same everywhere)
    AMOUNT = "amount"  # money: $2.5 billion
    PERCENT = "percent"
    NUMBER = "number"


@dataclass(frozen=True)
class Quantity:
    """One date, time, number or amount found in a text, with its value."""

    kind: Kind
    start: int
    end: int
    text: str
    # NUMBER, PERCENT, AMOUNT: the number as written, its magnitude word (10**scale:
    # "million" is 6), the fraction digits written, whether grouping marks were written.
    number: Decimal | None = None
    scale: int = 0
    fraction_digits: int = 0
    grouped: bool = False
    currency: str | None = None
    # DATE: (year or None, month, day or None); numeric: written as 21.05.2021.
    date: tuple[int | None, int, int | None] | None = None
    numeric: bool = False
    # TIME, DURATION: hours, minutes, seconds (None when not written).
    clock: tuple[int, int, int | None] | None = None

    @property
    def value(self) -> Decimal | None:
        return None if self.number is None else self.number.scaleb(self.scale)

    @property
    def key(self) -> str:
        """The same for every way of writing this quantity, in any language."""
        if self.kind is Kind.DATE and self.date:
            year, month, day = self.date
            return f"date {year or '?'}-{month:02}-{day or '?'}"
        if self.kind in (Kind.TIME, Kind.DURATION) and self.clock:
            hours, minutes, seconds = self.clock
            tail = "" if seconds is None else f":{seconds:02}"
            return f"{self.kind.value} {hours}:{minutes:02}{tail}"
        value = self.value if self.value is not None else Decimal(0)
        # The unit (%, $, "percent") may be written as a word in the translation: key the number.
        return f"number {value.normalize():f}"


# --- patterns built from CLDR ----------------------------------------------------------

_SPACE = r"[^\S\n]+"  # spaces on one line, no-break spaces included
_OPTIONAL_SPACE = r"[^\S\n]?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?P<year>\d{4})"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Not inside a word, a code (B-52, COVID-19) or another number.
_LEFT = r"(?<![\w.,:/])(?<![^\W\d_]-)"
_RIGHT = r"(?!\w|[.,:]\d)"
_PLACEHOLDER = re.compile(r"⟦[^⟧]*⟧")


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Rules:
    """One language's compiled patterns and the CLDR data they look words up in."""

    months: dict[str, int]
    magnitudes: dict[str, int]
    patterns: tuple[tuple[Kind, re.Pattern[str]], ...]
    decimal: str


def _month_names(locale) -> dict[str, int]:
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                for form in {name, name.rstrip(".")}:
                    if len(form) >= 3:
                        names[form] = number
                        names[form[0].upper() + form[1:]] = number
    return names


def _magnitude_words(locale) -> dict[str, int]:
    """'million' → 6, 'млн' → 6, 'миллиона' → 6 …: from CLDR's compact number patterns."""
    words: dict[str, int] = {}
    for width in ("long", "short"):
        for forms in locale.compact_decimal_formats.get(width, {}).values():
            for magnitude, pattern in forms.items():
                digits = str(magnitude)
                if digits.count("0") not in (3, 6, 9, 12) or digits.strip("0") != "1":
                    continue
                text = pattern.pattern
                if text.count("0") != 1:  # only "0 million", not "00 million"
                    continue
                word = text.replace("0", "").replace("'", "").strip()
                if word:
                    words[word] = digits.count("0")
    return words


def _number_pattern(decimal: str, groups: set[str]) -> str:
    group = "[" + "".join(re.escape(mark) for mark in sorted(groups)) + "]"
    return rf"(?P<int>\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{re.escape(decimal)}(?P<frac>\d+))?"


@functools.lru_cache(maxsize=64)
def _rules(language: str) -> _Rules:
    locale = parse_locale(language)
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    groups = {group} | ({" ", "\u00a0", "\u202f"} if group.isspace() else set())
    number = _number_pattern(decimal, groups)
    months = _month_names(locale)
    magnitudes = _magnitude_words(locale)
    spaced = [word for word in magnitudes if len(word) > 1]
    attached = [word for word in magnitudes if len(word) == 1]  # "1.5M": never after a space
    magnitude_parts = []
    if spaced:
        magnitude_parts.append(rf"{_OPTIONAL_SPACE}(?P<mag>{_alternation(spaced)})")
    if attached:
        magnitude_parts.append(rf"(?P<mag1>{_alternation(attached)})")
    magnitude = rf"(?:{'|'.join(magnitude_parts)})?(?!\w)" if magnitude_parts else ""
    signs = _alternation(CURRENCY_SIGNS)
    rules = rules_for(language).quantities
    percent_words = _alternation(("%", *rules.percent_words))

    def spaced_out(order: str) -> str:
        return order.replace(" ", _SPACE)

    month = rf"(?P<month>{_alternation(months)})(?!\w)"
    patterns: list[tuple[Kind, str]] = []
    for order in rules.date_orders:
        body = spaced_out(order).format(day=_DAY, month=month, year=_YEAR, ordinal=_ORDINAL)
        patterns.append((Kind.DATE, rf"(?<!\w){body}(?!\w|[.,:]\d)"))
    patterns += [
        (Kind.DATE, rf"{_LEFT}{_DAY}\.(?P<month_number>1[0-2]|0?[1-9])\.{_YEAR}{_RIGHT}"),
        (Kind.AMOUNT, rf"(?<!\w)(?P<sign>{signs}){_OPTIONAL_SPACE}{number}{magnitude}{_RIGHT}"),
        (Kind.AMOUNT, rf"{_LEFT}{number}{magnitude}{_OPTIONAL_SPACE}(?P<sign>{signs})(?!\w)"),
        (Kind.PERCENT, rf"{_LEFT}{number}{_OPTIONAL_SPACE}(?:{percent_words})(?!\w)"),
        (Kind.DURATION, rf"{_LEFT}(?P<hours>\d{{1,2}}):(?P<minutes>[0-5]\d):(?P<seconds>[0-5]\d){_RIGHT}"),
        # A lone 0 hour is a player's clock ("0:45"), not a time of day.
        (Kind.DURATION, rf"{_LEFT}(?P<hours>0):(?P<minutes>[0-5]\d){_RIGHT}"),
        (Kind.TIME, rf"{_LEFT}(?P<hours>[01]\d|2[0-3]|[1-9]):(?P<minutes>[0-5]\d){_RIGHT}"),
    ]
    if rules.twelve_hour_clock:
        patterns.append((
            Kind.TIME,
            rf"{_LEFT}(?P<hours>1[0-2]|0?[1-9])(?::(?P<minutes>[0-5]\d))?{_OPTIONAL_SPACE}"
            rf"(?P<period>[aApP])\.?[mM]\.?(?!\w)",
        ))
    patterns.append((Kind.NUMBER, rf"{_LEFT}{number}{magnitude}{_RIGHT}"))
    compiled = tuple((kind, re.compile(pattern)) for kind, pattern in patterns)
    return _Rules(months=months, magnitudes=magnitudes, patterns=compiled, decimal=decimal)


# --- recognition -----------------------------------------------------------------------


def _number_fields(match: re.Match[str], rules: _Rules) -> dict[str, object]:
    integer = re.sub(r"\D", "", match.group("int"))
    fraction = match.group("frac") or ""
    groups = match.groupdict()
    word = groups.get("mag") or groups.get("mag1")
    return {
        "number": Decimal(f"{integer}.{fraction}" if fraction else integer),
        "scale": rules.magnitudes[word] if word else 0,
        "fraction_digits": len(fraction),
        "grouped": len(integer) != len(match.group("int")),
    }


def _quantity(kind: Kind, match: re.Match[str], rules: _Rules) -> Quantity | None:
    groups = match.groupdict()
    fields: dict[str, object] = {}
    if kind is Kind.DATE:
        month = int(groups["month_number"]) if groups.get("month_number") else rules.months[groups["month"]]
        day = int(groups["day"]) if groups.get("day") else None
        year = int(groups["year"]) if groups.get("year") else None
        try:
            datetime.date(year or 2000, month, day or 1)  # 2000: Feb 29 without a year is a date
        except ValueError:
            return None
        fields = {"date": (year, month, day), "numeric": bool(groups.get("month_number"))}
    elif kind in (Kind.TIME, Kind.DURATION):
        hours = int(groups["hours"])
        period = groups.get("period")
        if period:
            hours = hours % 12 + (12 if period.lower() == "p" else 0)
        seconds = groups.get("seconds")
        fields = {"clock": (hours, int(groups.get("minutes") or 0), int(seconds) if seconds else None)}
    else:
        fields = _number_fields(match, rules)
        if kind is Kind.AMOUNT:
            fields["currency"] = CURRENCY_SIGNS[groups["sign"]]
    return Quantity(kind, match.start(), match.end(), match.group(), **fields)  # type: ignore[arg-type]


def recognise(text: str, language: str) -> list[Quantity]:
    """The dates, times, numbers and amounts of ``text`` (written in ``language``), in order.

    Where patterns overlap, the longest span wins ("May 21, 2021" over "21"); text inside
    ``⟦…⟧`` placeholders is left alone.
    """
    rules = _rules(language_of(language))
    taken = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    candidates: list[Quantity] = []
    for kind, pattern in rules.patterns:
        for match in pattern.finditer(text):
            quantity = _quantity(kind, match, rules)
            if quantity is not None:
                candidates.append(quantity)
    candidates.sort(key=lambda q: (q.start, -(q.end - q.start)))
    found: list[Quantity] = []
    for quantity in candidates:
        if any(quantity.start < end and start < quantity.end for start, end in taken):
            continue
        taken.append((quantity.start, quantity.end))
        found.append(quantity)
    return found


def quantity_keys(text: str, language: str) -> Counter[str]:
    """How often each quantity (by :attr:`Quantity.key`) occurs in ``text``."""
    return Counter(quantity.key for quantity in recognise(text, language))
