"""Glossary lint: small registered checks, each collecting findings with a severity and file:line.

A check is a function of a :class:`LintContext` that yields findings; register it with
``@check("name")``. Malformed TOML and malformed tables are found by the reader
(:mod:`translate.glossary.store`) and reported under "structure".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from translate.errors import GlossaryError
from translate.findings import CheckRegistry, Finding, Location, Severity, errors_of
from translate.glossary.inflection import target_forms
from translate.glossary.matching import TermMatcher, normalise, source_exact
from translate.glossary.model import Entry, Glossary
from translate.glossary.store import ParsedFile, parse_file
from translate.languages import rules_for

CheckFunction = Callable[["LintContext"], Iterable[Finding]]
CHECKS: CheckRegistry[CheckFunction] = CheckRegistry()
check = CHECKS.register  # @check("name") registers a lint check


@dataclass(frozen=True)
class _Located:
    """An entry and the file it came from (its position decides precedence)."""

    entry: Entry
    file_number: int
    parsed: ParsedFile

    def origin(self, *path: str, value: str | None = None) -> Location:
        return self.parsed.source_map.origin("term", self.entry.id, *path, value=value).location


class LintContext:
    def __init__(self, files: list[ParsedFile]):
        self.files = files
        self.glossary = Glossary([parsed.glossary for parsed in files])

    @cached_property
    def entries(self) -> list[_Located]:
        return [
            _Located(entry, number, parsed)
            for number, parsed in enumerate(self.files)
            for entry in parsed.glossary.entries
        ]


def lint_files(paths: list[Path]) -> list[Finding]:
    """Every finding for the glossary files ``paths`` (combined in that order)."""
    return lint_parsed([parse_file(path) for path in paths])


def refuse_errors(paths: list[Path]) -> None:
    """Raise :class:`GlossaryError` naming file:line of each lint error (warnings pass)."""
    errors = errors_of(lint_files(paths))
    if errors:
        shown = "\n  ".join(str(finding) for finding in errors[:10])
        more = f"\n  … and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise GlossaryError(f"the glossary has lint errors:\n  {shown}{more}\n"
                            "Fix them (`translate glossary lint` lists every problem).")


def lint_parsed(files: list[ParsedFile]) -> list[Finding]:
    """Every finding for glossary files already read (e.g. an edit not yet written)."""
    context = LintContext(files)
    findings = [finding for parsed in files for finding in parsed.findings]
    for _, function in CHECKS.items():
        findings.extend(function(context))
    order = {parsed.glossary.path: number for number, parsed in enumerate(files)}
    return sorted(findings, key=lambda f: (order.get(f.location.path, 0), f.location.line or 0))


# --- source forms claimed twice ----------------------------------------------------------------


def _key(form: str) -> str:
    return normalise(form).lowered


def _collide(form_a: str, exact_a: bool, form_b: str, exact_b: bool) -> bool:
    """Whether the two source forms would match the same text."""
    if _key(form_a) != _key(form_b):
        return False
    if exact_a and exact_b:
        return normalise(form_a).text == normalise(form_b).text
    return True


def _claims(located: _Located) -> Iterator[tuple[str, str]]:
    """(form, role) of every source form of the entry."""
    yield located.entry.term, "term"
    for form in located.entry.variants:
        yield form, "variants"
    for form in located.entry.short:
        yield form, "short"


def _renderings_differ(a: Entry, b: Entry) -> str | None:
    for rendering in a.renderings:
        other = b.rendering(rendering.language)
        if other is not None and other.preferred != rendering.preferred:
            return f"{rendering.language}: {rendering.preferred!r} vs {other.preferred!r}"
    return None


@check("duplicate")
def duplicate_terms(context: LintContext) -> Iterator[Finding]:
    """Two entries of one concept: the same term (duplicate), with different renderings (conflict),
    or a variant or short form of one that is a form of another (shadow)."""
    seen: dict[str, list[tuple[_Located, str, str]]] = {}
    last_definition = {located.entry.id: located.file_number for located in context.entries}
    for located in context.entries:
        if last_definition[located.entry.id] != located.file_number:
            continue  # redefined by a later file: that definition is the one in effect
        for form, role in _claims(located):
            exact = source_exact(form, located.entry.case)
            for other, other_form, other_role in seen.get(_key(form), []):
                if other.entry.id == located.entry.id:
                    continue  # the same entry (redefined by a later file is precedence, not a problem)
                other_exact = source_exact(other_form, other.entry.case)
                if not _collide(form, exact, other_form, other_exact):
                    continue
                yield _pair_finding(located, form, role, other, other_form, other_role)
            seen.setdefault(_key(form), []).append((located, form, role))


def _pair_finding(located: _Located, form: str, role: str, other: _Located, other_form: str,
                  other_role: str) -> Finding:
    same_file = located.file_number == other.file_number
    where = f"{other.entry.id!r} ({other.origin(other_role, value=other_form)})"
    difference = _renderings_differ(located.entry, other.entry)
    if role == "term" and other_role == "term":
        name = "conflict" if difference else "duplicate"
        message = (f"{form!r} is also the term of {where} with a different rendering ({difference})"
                   if difference else f"{form!r} is also the term of {where}: merge the two entries")
    else:
        name = "shadow"
        message = (f"{role} {form!r} of {located.entry.id!r} is also a form of {where}: "
                   "an occurrence can only be one of them; remove it from one entry")
        if difference:
            message += f" (their renderings differ: {difference})"
    if same_file:
        severity = Severity.ERROR
    else:
        severity = Severity.WARNING
        message += f"; {located.parsed.glossary.path.name} takes precedence"
    return Finding(name, severity, message, located.origin(role, value=form))


# --- renderings ----------------------------------------------------------------------------------


@check("missing-language")
def missing_languages(context: LintContext) -> Iterator[Finding]:
    """Each entry renders into every language its file declares (do-not-translate entries need none)."""
    for located in context.entries:
        declared = located.parsed.glossary.languages
        if located.entry.do_not_translate:
            continue
        tables = located.parsed.source_map.tables
        for language in declared:
            # A table that is there but malformed is reported by the reader, not again here.
            if located.entry.rendering(language) is None and ("term", located.entry.id, language) not in tables:
                yield Finding("missing-language", Severity.ERROR,
                              f"{located.entry.id!r} has no {language} rendering: add [term.{located.entry.id}.{language}]",
                              located.origin())
        for rendering in located.entry.renderings:
            if rendering.language not in declared:
                yield Finding("missing-language", Severity.WARNING,
                              f"{rendering.language} is not in the file's languages {list(declared)}",
                              located.origin(rendering.language))


@check("conflict")
def avoided_but_accepted(context: LintContext) -> Iterator[Finding]:
    """A rendering cannot both avoid a form and accept it."""
    for located in context.entries:
        for rendering in located.entry.renderings:
            if not rendering.avoid:
                continue
            plain = replace(located.entry, renderings=(replace(rendering, avoid=()),))
            forms = target_forms(plain, rendering.language)
            accepted = set(forms.accepted) if forms else set()
            for form in rendering.avoid:
                if form in accepted:
                    yield Finding("conflict", Severity.ERROR,
                                  f"{form!r} is both avoided and accepted in {rendering.language}",
                                  located.origin(rendering.language, "avoid", value=form))


# --- forms ---------------------------------------------------------------------------------------

_QUOTE_PAIRS = (("«", "»"), ("„", "“"), ("“", "”"))
_SUFFIX = re.compile(r"^-?[^\W\d_]+$")


def _script(char: str) -> str:
    code = ord(char)
    if 0x0531 <= code <= 0x058F or 0xFB13 <= code <= 0xFB17:
        return "Armenian"
    if 0x0400 <= code <= 0x04FF:
        return "Cyrillic"
    if char.isascii() or 0x00C0 <= code <= 0x024F:
        return "Latin"
    return "other"


def _form_problem(form: str, script: str | None) -> str | None:
    """Why ``form`` is malformed, or None."""
    if not form.strip():
        return "is empty"
    if form != form.strip():
        return "has spaces at its start or end"
    if re.search(r"\s{2,}|[\t\n\r]", form):
        return "has doubled spaces or a line break inside"
    if not any(char.isalnum() for char in form):
        return "has no letters or digits to match"
    invisible = [char for char in form if unicodedata.category(char) == "Cf"]
    if invisible:
        return f"has an invisible character (U+{ord(invisible[0]):04X}): it cannot match text as written"
    if not _matches_itself(form):
        return "cannot match as written (the matcher does not find it in its own text)"
    for opening, closing in _QUOTE_PAIRS:
        if form.count(opening) != form.count(closing) and opening != closing:
            return f"has unbalanced quotes {opening}…{closing}"
    if form.count('"') % 2:
        return 'has an unbalanced "'
    for word in re.findall(r"[^\W\d_]+", form):
        scripts = {_script(char) for char in word}
        if len(scripts) > 1:
            return f"mixes scripts ({', '.join(sorted(scripts))}) in the word {word!r}: a look-alike letter?"
    if script:
        letters = [char for char in form if char.isalpha()]
        if letters and not any(_script(char) == script for char in letters):
            return f"is not written in {script}"
    return None


def _matches_itself(form: str) -> bool:
    matcher: TermMatcher[None] = TermMatcher()
    matcher.add(form, None)
    return [(match.start, match.end) for match in matcher.find(form)] == [(0, len(form))]


def _rendering_strings(rendering) -> Iterator[tuple[str, str]]:
    yield "preferred", rendering.preferred
    if rendering.short is not None:
        yield "short", rendering.short
    for key in ("forms", "stems", "avoid"):
        for form in getattr(rendering, key):
            yield key, form
    for key in ("cases", "short_cases"):
        for _, form in getattr(rendering, key):
            yield key, form


@check("bad-form")
def malformed_forms(context: LintContext) -> Iterator[Finding]:
    """Forms that cannot be what they mean: empty, stray spaces, mixed or wrong script,
    unbalanced quotes, malformed suffixes, case names the language does not have."""
    for located in context.entries:
        entry = located.entry
        for form, role in _claims(located):
            problem = _form_problem(form, None)
            if problem:
                yield Finding("bad-form", Severity.ERROR, f"{role} {form!r} {problem}", located.origin(role, value=form))
        for rendering in entry.renderings:
            rules = rules_for(rendering.language).terms
            for key, form in _rendering_strings(rendering):
                problem = _form_problem(form, rules.script or None)
                if problem:
                    yield Finding("bad-form", Severity.ERROR, f"{rendering.language} {key} {form!r} {problem}",
                                  located.origin(rendering.language, key, value=form))
            if isinstance(rendering.suffixes, str):
                if rendering.suffixes not in rules.suffix_sets:
                    known = ", ".join(rules.suffix_sets) or "none for this language; list the suffixes"
                    yield Finding("bad-form", Severity.ERROR,
                                  f"unknown suffix set {rendering.suffixes!r} (known: {known})",
                                  located.origin(rendering.language, "suffixes"))
            else:
                for suffix in rendering.suffixes:
                    if not _SUFFIX.match(suffix):
                        yield Finding("bad-form", Severity.ERROR,
                                      f"suffix {suffix!r} must be letters, optionally after a hyphen (-ի)",
                                      located.origin(rendering.language, "suffixes", value=suffix))
            for key in ("cases", "short_cases"):
                for case, _ in getattr(rendering, key):
                    if case not in rules.cases:
                        valid = ", ".join(rules.cases) or f"none: {rendering.language} has no case table, use forms"
                        yield Finding("bad-form", Severity.ERROR, f"unknown case {case!r} (valid: {valid})",
                                      located.origin(rendering.language, key, case))


@check("morphology")
def unreadable_words(context: LintContext) -> Iterator[Finding]:
    """Generated forms need a word the morphology library reads correctly."""
    for located in context.entries:
        for rendering in located.entry.renderings:
            if located.entry.do_not_translate or _form_problem(rendering.preferred, None):
                continue
            forms = target_forms(located.entry, rendering.language)
            for problem in forms.problems if forms else ():
                yield Finding("morphology", Severity.WARNING, problem, located.origin(rendering.language))


@check("shadow-in-language")
def shared_target_forms(context: LintContext) -> Iterator[Finding]:
    """Any language can be the source side: an accepted form of two entries in one language
    (Russian, Armenian …) makes an occurrence in a text of that language ambiguous."""
    seen: dict[tuple[str, str], tuple[_Located, str]] = {}
    reported: set[tuple[str, str, str]] = set()
    last_definition = {located.entry.id: located.file_number for located in context.entries}
    for located in context.entries:
        if last_definition[located.entry.id] != located.file_number or located.entry.do_not_translate:
            continue
        for rendering in located.entry.renderings:
            forms = target_forms(located.entry, rendering.language)
            for form in forms.accepted if forms else ():
                key = (rendering.language, _key(form))
                other = seen.setdefault(key, (located, form))[0]
                pair = (located.entry.id, other.entry.id, rendering.language)
                # Entries that already share a source form are reported as duplicates; one finding a pair.
                shared = {_key(f) for f in located.entry.source_forms} & {_key(f) for f in other.entry.source_forms}
                if other.entry.id != located.entry.id and pair not in reported and not shared:
                    reported.add(pair)
                    yield Finding("shadow", Severity.WARNING,
                                  f"{rendering.language} form {form!r} of {located.entry.id!r} is also a form of "
                                  f"{other.entry.id!r} ({other.origin(rendering.language)}): in a {rendering.language} "
                                  "source an occurrence can only be one of them",
                                  located.origin(rendering.language))
