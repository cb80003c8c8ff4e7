"""The glossary's data: entries (one per concept), their target renderings, combined files.

An :class:`Entry` names a concept in the source language (the term, its spelling
variants and its short forms such as an abbreviation or a surname alone) and, per target
language, a :class:`Rendering`: the preferred form plus whatever makes the accepted
inflected forms (explicit forms, case forms, stems + suffixes, generated forms). Files
combine into a :class:`Glossary`; a later file takes precedence over an earlier one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from translate.findings import Location

ENTRY_TYPES = ("person", "organisation", "place", "term")

# How source forms match letter case:
#   auto   forms written in capitals (CSTO) match only as written; others in any case
#   exact  every form matches only as written
#   any    every form matches in any case
CASE_RULES = ("auto", "exact", "any")


@dataclass(frozen=True)
class Origin:
    """Where something was written: for messages that name file and line."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def location(self) -> Location:
        """The same place, as findings name it."""
        return Location(self.path, self.line)


@dataclass(frozen=True)
class Rendering:
    """An entry in one target language.

    ``suffixes`` is either a list of suffixes or the name of a suffix set of the language
    (see :mod:`translate.languages`); suffixes attach to ``stems``, by default
    to the preferred and short renderings. ``inflect`` None means the language's default.
    ``cases`` and ``short_cases`` map a grammatical case to the form of the preferred
    and of the short rendering; they win over generated forms.
    """

    language: str
    preferred: str
    short: str | None = None
    forms: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    suffixes: str | tuple[str, ...] = ()
    inflect: bool | None = None
    cases: tuple[tuple[str, str], ...] = ()
    short_cases: tuple[tuple[str, str], ...] = ()
    avoid: tuple[str, ...] = ()
    notes: str = ""
    origin: Origin | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"preferred": self.preferred}
        if self.short is not None:
            data["short"] = self.short
        for key in ("forms", "stems", "avoid"):
            if getattr(self, key):
                data[key] = list(getattr(self, key))
        if self.suffixes:
            data["suffixes"] = self.suffixes if isinstance(self.suffixes, str) else list(self.suffixes)
        if self.inflect is not None:
            data["inflect"] = self.inflect
        if self.cases:
            data["cases"] = dict(self.cases)
        if self.short_cases:
            data["short_cases"] = dict(self.short_cases)
        if self.notes:
            data["notes"] = self.notes
        return data


@dataclass(frozen=True)
class Entry:
    """One concept: its source forms, how they match, and its renderings per language."""

    id: str
    term: str
    type: str = "term"
    variants: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    case: str = "auto"
    do_not_translate: bool = False
    notes: str = ""
    renderings: tuple[Rendering, ...] = ()
    origin: Origin | None = field(default=None, compare=False)

    @property
    def full_forms(self) -> tuple[str, ...]:
        return (self.term, *self.variants)

    @property
    def source_forms(self) -> tuple[str, ...]:
        return (*self.full_forms, *self.short)

    def rendering(self, language: str) -> Rendering | None:
        for rendering in self.renderings:
            if rendering.language == language:
                return rendering
        return None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(rendering.language for rendering in self.renderings)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"term": self.term}
        if self.variants:
            data["variants"] = list(self.variants)
        if self.short:
            data["short"] = list(self.short)
        data["type"] = self.type
        if self.case != "auto":
            data["case"] = self.case
        if self.do_not_translate:
            data["do_not_translate"] = True
        if self.notes:
            data["notes"] = self.notes
        for rendering in self.renderings:
            data[rendering.language] = rendering.as_dict()
        return data


@dataclass
class GlossaryFile:
    """One glossary file: its header and entries in file order."""

    path: Path
    source: str = "en"
    languages: tuple[str, ...] = ()
    entries: list[Entry] = field(default_factory=list)

    def entry(self, entry_id: str) -> Entry | None:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        return None


class Glossary:
    """Glossary files combined. Precedence: a later file overrides an earlier one.

    An entry whose id appears again in a later file is replaced by the later one (a desk
    file can redefine a newsroom concept); where two entries claim the same source form,
    the matcher gives it to the entry of the later file.
    """

    def __init__(self, files: list[GlossaryFile]):
        self.files = files
        self.source = files[0].source if files else "en"
        by_id: dict[str, Entry] = {}
        rank: dict[str, int] = {}
        for number, glossary_file in enumerate(files):
            for entry in glossary_file.entries:
                by_id.pop(entry.id, None)  # re-insert: a later definition goes last
                by_id[entry.id] = entry
                rank[entry.id] = number
        self.entries: list[Entry] = list(by_id.values())
        # entry id → file number (higher wins when two entries claim one source form)
        self.precedence = rank
        languages: list[str] = []
        for glossary_file in files:
            languages.extend(code for code in glossary_file.languages if code not in languages)
        self.languages = tuple(languages)
        self._derived: dict[object, object] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def entry(self, entry_id: str) -> Entry | None:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        return None

    @property
    def all_languages(self) -> tuple[str, ...]:
        """Every language the entries are written in: the source's and the renderings'."""
        return (self.source, *(code for code in self.languages if code != self.source))

    def covers(self, source: str, target: str) -> bool:
        """Whether the glossary has terms for translating ``source`` into ``target``: any of its
        languages can be the source side (an entry is a concept with terms in each); into a
        language it has no renderings for, its do-not-translate terms still apply."""
        languages = set(self.all_languages)
        if not self.entries or source == target or source not in languages:
            return False
        return target in languages or any(entry.do_not_translate for entry in self.entries)

    def find(self, text: str) -> Entry | None:
        """The entry whose id or any source form is ``text`` (case-insensitive)."""
        wanted = text.casefold()
        for entry in self.entries:
            if entry.id.casefold() == wanted or any(form.casefold() == wanted for form in entry.source_forms):
                return entry
        return None

    def digest(self) -> str:
        """A hash of what the glossary says (not of its comments or layout): for signatures.
        Computed once: every output's signature asks for it."""
        return self.cached("digest", self._digest)

    def _digest(self) -> str:
        data = {
            "source": self.source,
            "entries": [{"id": entry.id, **entry.as_dict()} for entry in self.entries],
        }
        canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def cached(self, key: object, build):
        """A derived structure (matcher, forms) built once per glossary."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]
