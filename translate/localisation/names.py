"""Country and language names from CLDR, as generated, lower-precedence glossary entries.

CLDR (through babel) names every country and language in every locale: Armenia is
Հայաստան in hy and Армения in ru. Editors should only have to write what CLDR lacks or
gets wrong for news (case forms, "США" for the United States), so these names are offered
to the glossary as a generated source that any editor-written entry overrides.

Interface for the glossary (and whoever orders the sources)::

    from translate.localisation.names import cldr_names, PRECEDENCE

    for entry in cldr_names("ru"):               # target locale; source names in English
        entry.source    # "Armenia"       the English name (CLDR's standard form)
        entry.target    # "Армения"       the target locale's name, nominative
        entry.kind      # "territory" | "language"
        entry.code      # "AM" | "hy"     the CLDR code (stable: use it as the entry's id)
        entry.origin    # "cldr"

- ``cldr_names(target, source="en", kinds=("territory", "language"))`` yields one
  :class:`CldrName` per code named in both locales with different names (an unchanged
  name needs no entry), sorted by kind then code; ``target`` and ``source`` are any codes
  ``translate.locales.parse_locale`` accepts.
- Every entry has :data:`PRECEDENCE` = ``-100``: below any glossary file. When a glossary
  entry and a CLDR name share a source term (case-insensitively), the glossary entry wins.
- Only the nominative (citation) form is known: an engine's inflected form must be
  accepted by whoever enforces the entry (e.g. pymorphy3 forms for Russian).
- Language names are nouns in CLDR ("Armenian" → «армянский», lower-case in ru/hy); in
  English text "Armenian" is more often the adjective. Use ``kinds=("territory",)``
  where that would mislead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from translate.locales import parse_locale

PRECEDENCE = -100
ORIGIN = "cldr"
KINDS = ("territory", "language")
# Codes that name no place or language ("Unknown Region", "Unknown language", "Pseudo-…").
_NOT_NAMES = {"ZZ", "und", "zxx", "mis", "mul", "XA", "XB"}


@dataclass(frozen=True)
class CldrName:
    source: str
    target: str
    kind: str
    code: str
    source_language: str
    target_language: str
    origin: str = ORIGIN
    precedence: int = PRECEDENCE


def cldr_names(target: str, source: str = "en", kinds: Sequence[str] = KINDS) -> Iterator[CldrName]:
    """CLDR names of countries/regions and languages, ``source`` name → ``target`` name."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kind(s) {', '.join(sorted(unknown))}; the kinds are {', '.join(KINDS)}")
    source_locale, target_locale = parse_locale(source), parse_locale(target)
    tables = {"territory": lambda locale: locale.territories, "language": lambda locale: locale.languages}
    for kind in KINDS:
        if kind not in kinds:
            continue
        source_names, target_names = tables[kind](source_locale), tables[kind](target_locale)
        for code in sorted(source_names):
            # Regional variants ("en_GB": British English) are not names a text uses alone.
            if code in _NOT_NAMES or "_" in code or code not in target_names:
                continue
            source_name, target_name = source_names[code], target_names[code]
            if source_name and target_name and source_name != target_name:
                yield CldrName(source_name, target_name, kind, code,
                               str(source_locale), str(target_locale))
