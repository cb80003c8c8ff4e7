"""A recognised date, time, number or amount written the way a target locale writes it.

Everything comes from CLDR through babel (month names, date patterns, decimal and grouping
marks, the words for million, currency patterns and signs); the two choices CLDR leaves to
the writer are small tables here: whether large round numbers read as words ("1.5
million") or abbreviations ("1,5 млн"), and that an integer written without grouping
marks is copied as written (2021 is a year, not "2 021").
"""

from __future__ import annotations

import copy
import datetime
import re
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_compact_decimal, get_currency_symbol

from translate.languages import rules_for
from translate.locales import parse_locale
from translate.localisation.quantities import Kind, Quantity

# Integers written without grouping marks below this are copied as written (years, counts).
_COPIED_BELOW = 10_000


def _decimal(number: Decimal, fraction_digits: int, locale: Locale, *, percent: bool = False) -> str:
    """``number`` with the locale's marks and exactly the fraction digits the source wrote."""
    pattern = copy.copy(locale.percent_formats[None] if percent else locale.decimal_formats[None])
    pattern.frac_prec = (fraction_digits, fraction_digits)
    return pattern.apply(number / 100 if percent else number, locale)


def _number(quantity: Quantity, locale: Locale) -> str:
    number = quantity.number if quantity.number is not None else Decimal(0)
    if quantity.scale:
        value = number.scaleb(quantity.scale)
        # As many fraction digits as the value needs under the word CLDR will pick
        # (thousand, million … : steps of 10**3), so "1,500 million" reads "1.5 billion".
        step = min(12, (len(str(int(value))) - 1) // 3 * 3)
        digits = max(0, -value.scaleb(-step).normalize().as_tuple().exponent)
        width = rules_for(locale.language).quantities.compact_width
        return format_compact_decimal(value, format_type=width, locale=locale, fraction_digits=digits)
    if not quantity.grouped and not quantity.fraction_digits and number < _COPIED_BELOW:
        return str(int(number))
    return _decimal(number, quantity.fraction_digits, locale)


def _amount(quantity: Quantity, locale: Locale) -> str:
    """The number in the locale's currency pattern: "$2.5 billion", «2,5 млрд $»."""
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    symbol = get_currency_symbol(quantity.currency or "USD", locale=locale)
    number = _number(quantity, locale)
    return re.sub(r"[#0,.]+", lambda _: number, pattern, count=1).replace("¤", symbol).strip()


def _date(quantity: Quantity, locale: Locale) -> str:
    year, month, day = quantity.date or (None, 1, None)
    if year is None:
        # 2000 is a leap year, so 29 February renders too; the year is not shown.
        return format_skeleton("MMMMd", datetime.date(2000, month, day or 1), locale=locale)
    date = datetime.date(year, month, day or 1)
    return format_skeleton("yMd", date, locale=locale) if quantity.numeric else format_date(date, "long", locale=locale)


def render(quantity: Quantity, locale: str | Locale) -> str:
    """``quantity`` as ``locale`` writes it: «21 мая 2021 г.», "1,5 млн", "3:30 PM"…; as the
    source wrote it when CLDR cannot (a number beyond decimal precision, an impossible date)."""
    locale = locale if isinstance(locale, Locale) else parse_locale(locale)
    try:
        return _render(quantity, locale)
    except (ArithmeticError, ValueError, OverflowError):
        return quantity.text


def _render(quantity: Quantity, locale: Locale) -> str:
    if quantity.kind is Kind.DATE:
        return _date(quantity, locale)
    if quantity.kind is Kind.TIME and quantity.clock:
        hours, minutes, _ = quantity.clock
        return format_time(datetime.time(hours, minutes), "short", locale=locale)
    if quantity.kind is Kind.DURATION:
        return quantity.text
    if quantity.kind is Kind.PERCENT:
        return _decimal(quantity.number or Decimal(0), quantity.fraction_digits, locale, percent=True)
    if quantity.kind is Kind.AMOUNT:
        return _amount(quantity, locale)
    return _number(quantity, locale)
