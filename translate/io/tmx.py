"""TMX 1.4: translation units written for CAT tools (OmegaT, Okapi, Trados…) to import.

The translation memory holds what the engine was given and gave back, placeholders
included: a date travels as ``⟦Q1⟧`` (pseudo engine), a glossary term the engine missed as
``701``, an inline tag as ``401``, a name it cannot spell as ``901``. Those
units are of no use in a CAT tool (nothing there can put the date or the term back), and
the memory does not know what each placeholder stood for, so they are left out of the
export and counted; the others are exported as they are. A unit whose sentence has a
genuine number from x01 to x99 (x = 4, 7, 9) that the translation repeats looks the same and is left out
too: the count says how many, the memory itself keeps them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from typing import NamedTuple, TextIO
from xml.sax.saxutils import escape, quoteattr

from translate import __version__
from translate.engines.placeholders import FIRST_NUMBERS, standalone

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _date(seconds: float) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


# Quantities (⟦Q1⟧) and the glossary's bracket scheme (⟦1⟧): nothing else writes these brackets.
_BRACKETS = re.compile(r"⟦\s*Q?\s*\d+\s*⟧")
# The wrappers' number schemes: 401… (tags), 701… (terms), 901… (carried characters).
_HUNDREDS = "".join(sorted({str(first // 100) for first in FIRST_NUMBERS.values()}))
_NUMBER = re.compile(standalone(rf"([{_HUNDREDS}]\d\d)"))


def holds_placeholders(segment: str, translation: str) -> bool:
    """Whether a memory unit holds placeholders of ours (see the module's doc)."""
    if _BRACKETS.search(segment) or _BRACKETS.search(translation):
        return True
    numbers = {int(number) for number in _NUMBER.findall(segment)}
    return any(number % 100 >= 1 and re.search(rf"(?<!\d){number}(?!\d)", translation)
               for number in numbers)


class Exported(NamedTuple):
    written: int
    left_out: int  # units that hold placeholders


def write_tmx(stream: TextIO, entries: Iterable[tuple], source_language: str | None = None) -> Exported:
    """Write ``entries`` — (source, target, engine, checkpoint, segment, translation, created,
    used, hits) — as a TMX document, leaving out those that hold placeholders; say how many of each."""
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    stream.write(
        f'  <header creationtool="translate" creationtoolversion={quoteattr(__version__)} '
        f'datatype="plaintext" segtype="sentence" adminlang="en" srclang={quoteattr(source_language or "*all*")} '
        'o-tmf="translate-memory"/>\n  <body>\n'
    )
    count = left_out = 0
    for source, target, engine, checkpoint, segment, translation, created, used, hits in entries:
        if holds_placeholders(segment, translation):
            left_out += 1
            continue
        stream.write(
            f'    <tu creationdate="{_date(created)}" lastusagedate="{_date(used)}" usagecount="{hits}">\n'
            f'      <prop type="x-engine">{_text(engine or "")}</prop>\n'
            f'      <prop type="x-checkpoint">{_text(checkpoint or "")}</prop>\n'
            f"      <tuv xml:lang={quoteattr(source)}><seg>{_text(segment)}</seg></tuv>\n"
            f"      <tuv xml:lang={quoteattr(target)}><seg>{_text(translation)}</seg></tuv>\n"
            "    </tu>\n"
        )
        count += 1
    stream.write("  </body>\n</tmx>\n")
    return Exported(count, left_out)
