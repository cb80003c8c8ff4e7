"""Checks on a UI-string catalog, as small registered functions that collect findings.

``translate ui check`` runs every check over every entry and reports them all, each with
its file and line and the entry (site and msgid) at the start of its message: untranslated (information: an empty msgstr is the honest state of an
unconfirmed wording), fuzzy and obsolete entries and entries the template has but the
catalog lacks (warnings), placeholders that differ between msgid and msgstr, babel's own
format checks, and conflicting harvested wordings (errors).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from translate.findings import CheckRegistry, Finding, Location, Severity
from translate.io.catalogs import MSGID_LANGUAGE, read_catalog
from translate.locales import language_of
from translate.localisation.extract import harvested_wordings

# Placeholders a wording must keep: {name}, %s / %(name)s, ⟦…⟧, <tags>.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]|⟦[^⟧]*⟧|<[^<>]+>")


MessageCheck = Callable[[Message, Catalog], Iterator[tuple[Severity, str]]]
MESSAGE_CHECKS: CheckRegistry[MessageCheck] = CheckRegistry()
message_check = MESSAGE_CHECKS.register  # @message_check("name") registers a check of one entry


@message_check("untranslated")
def untranslated(message: Message, catalog: Catalog) -> Iterator[tuple[Severity, str]]:
    # In the msgids' own language an empty msgstr means "the msgid as it is".
    if catalog.locale is not None and catalog.locale.language == MSGID_LANGUAGE:
        return
    if not message.string:
        yield Severity.INFO, "no translation yet (the chrome line is dropped, never machine-translated)"


@message_check("fuzzy")
def fuzzy(message: Message, catalog: Catalog) -> Iterator[tuple[Severity, str]]:
    if message.fuzzy and message.string:
        yield Severity.WARNING, "marked fuzzy: a guess, never used; confirm it and remove the flag, or empty it"


@message_check("placeholders")
def placeholders(message: Message, catalog: Catalog) -> Iterator[tuple[Severity, str]]:
    if not message.string or not isinstance(message.id, str) or not isinstance(message.string, str):
        return
    source, target = Counter(_PLACEHOLDER.findall(message.id)), Counter(_PLACEHOLDER.findall(message.string))
    if source != target:
        lost, added = sorted((source - target).elements()), sorted((target - source).elements())
        detail = "; ".join(part for part in (
            f"missing {', '.join(lost)}" if lost else "", f"not in the msgid {', '.join(added)}" if added else ""
        ) if part)
        yield Severity.ERROR, f"placeholders differ from the msgid's: {detail}"


@message_check("format")
def babel_format(message: Message, catalog: Catalog) -> Iterator[tuple[Severity, str]]:
    """babel's own checkers (python-format entries, plural forms)."""
    for error in message.check(catalog):
        yield Severity.ERROR, str(error)


@message_check("harvested")
def conflicting_harvest(message: Message, catalog: Catalog) -> Iterator[tuple[Severity, str]]:
    if catalog.locale is None:
        return
    wordings = harvested_wordings(message.auto_comments, language_of(str(catalog.locale)))
    if len(wordings) > 1:
        yield Severity.ERROR, f"the site was seen with {len(wordings)} wordings: {' / '.join(wordings)}; pick one"
    elif wordings and message.string and message.string != wordings[0]:
        yield Severity.WARNING, f"the site itself writes {wordings[0]!r}"


def _finding(code: str, severity: Severity, text: str, path: Path, message: Message) -> Finding:
    site = f"[{message.context}] " if message.context else ""
    return Finding(code, severity, f"{site}{str(message.id)!r}: {text}", Location(path, message.lineno or None))


def check_catalog(path: Path, locale: str | None = None, template: Catalog | None = None) -> list[Finding]:
    """Every finding of the catalog at ``path`` (against ``template``, when given)."""
    catalog = read_catalog(path, locale=locale)
    findings: list[Finding] = []
    for message in catalog:
        if not message.id:
            continue
        for name, function in MESSAGE_CHECKS.items():
            for severity, text in function(message, catalog):
                findings.append(_finding(name, severity, text, path, message))
    for message in catalog.obsolete.values():
        findings.append(_finding("obsolete", Severity.WARNING,
                                 "no longer in the template: delete it, or keep its wording elsewhere", path, message))
    if template is not None:
        for message in template:
            if message.id and catalog.get(message.id, context=message.context) is None:
                # The line is the template's: this catalog has none for it.
                findings.append(_finding("missing", Severity.WARNING,
                                         "in the template, not in this catalog: run `translate ui update`",
                                         path, message).at(line=None))
    return findings
