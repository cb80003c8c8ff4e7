"""TMX 1.4: translation units written for CAT tools (OmegaT, Okapi, Trados…) to import."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from translate import __version__

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _date(seconds: float) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


def write_tmx(stream: TextIO, entries: Iterable[tuple], source_language: str | None = None) -> int:
    """Write ``entries`` — (source, target, engine, checkpoint, segment, translation, created,
    used, hits) — as a TMX document; return how many units were written."""
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    stream.write(
        f'  <header creationtool="translate" creationtoolversion={quoteattr(__version__)} '
        f'datatype="plaintext" segtype="sentence" adminlang="en" srclang={quoteattr(source_language or "*all*")} '
        'o-tmf="translate-memory"/>\n  <body>\n'
    )
    count = 0
    for source, target, engine, checkpoint, segment, translation, created, used, hits in entries:
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
    return count
