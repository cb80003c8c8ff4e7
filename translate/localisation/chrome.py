"""The ``localise`` chrome policy: page chrome rendered from the UI catalogs, never translated.

For each block the segmenter classified as chrome, :func:`localise_chrome` finds its
catalog entry (site, msgid) — by the English msgid or by any locale's msgstr, so the
Armenian skip-link heading of azatutyun.am is found above an English article — and
writes the target locale's wording in its place. A line the catalogs do not know, or
whose entry has no wording for the target, is dropped and reported (logged, and recorded
in ``document.metadata["findings"]``, which the QA report includes): chrome never goes to
the engine.
"""

from __future__ import annotations

import logging

from translate.document import BlockKind, Disposition, Document
from translate.localisation.catalogs import DOMAIN, UiCatalogs
from translate.qa import Finding, Severity

log = logging.getLogger(__name__)


def localise_chrome(document: Document, target: str, catalogs: UiCatalogs) -> list[Finding]:
    """Render ``document``'s chrome blocks for ``target`` from ``catalogs``, in place.

    Returns (and records on the document) a finding for each chrome line that could not be.
    """
    findings: list[Finding] = []
    site = document.metadata.get("site")
    site = site if isinstance(site, str) else None
    for index, block in enumerate(document.blocks):
        if block.kind is not BlockKind.CHROME:
            continue
        block.segments = []
        block.disposition = Disposition.DROP
        matches = catalogs.match(block.text, site)
        if not matches:
            findings.append(Finding("chrome", Severity.INFO,
                                    f"chrome line not in the UI catalogs, dropped: {block.text!r}", index))
            continue
        for entry in matches:
            wording = catalogs.translation(entry.site, entry.msgid, target)
            if wording is not None:
                block.disposition, block.replacement = Disposition.REPLACE, wording
                block.reason = f"chrome, localised from the {entry.site} UI catalog ({entry.msgid!r})"
                break
        else:
            entry = matches[0]
            findings.append(Finding(
                "chrome", Severity.WARNING,
                f"no {target} wording for {entry.msgid!r} ({entry.site}) in the UI catalogs: dropped, not "
                f"machine-translated; add it to {target}/LC_MESSAGES/{DOMAIN}.po",
                index,
            ))
    for finding in findings:
        log.log(logging.WARNING if finding.severity is Severity.WARNING else logging.INFO,
                "%s → %s: %s", document.name, target, finding.message)
    recorded = document.metadata.setdefault("findings", [])
    if isinstance(recorded, list):
        recorded.extend(findings)
    return findings
