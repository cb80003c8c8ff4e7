"""The ``localise`` chrome policy: page chrome rendered from the UI catalogs, never translated.

For each block the segmenter classified as chrome, :func:`localise_chrome` takes its
catalog entry (site, msgid) — the one the segmenter recorded in ``Block.catalog_entry``,
matched against the same catalogs; a chrome block without one (found by a structural
rule, or classified before the catalogs knew it) is matched by its text, against the
English msgids and every locale's msgstrs — and writes the target locale's wording in
its place. Template debris (breakpoint names, player times) is dropped without a word;
any other line the catalogs do not know, or whose entry has no wording for the target,
is dropped and reported (logged, and recorded on the block, where the QA report finds
it): chrome never goes to the engine.
"""

from __future__ import annotations

import logging

from translate.document import BlockKind, Disposition, Document
from translate.findings import Finding, Severity
from translate.io.catalogs import DOMAIN, UiCatalogs
from translate.segmentation.chrome import template_debris

log = logging.getLogger(__name__)


def localise_chrome(document: Document, target: str, catalogs: UiCatalogs) -> list[Finding]:
    """Render ``document``'s chrome blocks for ``target`` from ``catalogs``, in place.

    Records on its block a finding for each chrome line that could not be; returns them,
    located by block.
    """
    findings: list[Finding] = []
    site = document.metadata.get("site")
    site = site if isinstance(site, str) else None
    for index, block in enumerate(document.blocks):
        if block.kind is not BlockKind.CHROME:
            continue
        block.segments = []
        block.disposition = Disposition.DROP
        entries = [block.catalog_entry] if block.catalog_entry else [
            (match.site, match.msgid) for match in catalogs.match(block.text, site)]
        if not entries:
            if not template_debris(block.text):
                block.findings.append(Finding("chrome", Severity.INFO,
                                              f"chrome line not in the UI catalogs, dropped: {block.text!r}"))
                findings.append(block.findings[-1].at(block=index))
            continue
        for entry_site, msgid in entries:
            wording = catalogs.translation(entry_site, msgid, target)
            if wording is not None:
                block.disposition, block.replacement = Disposition.REPLACE, wording
                block.reason = f"chrome, localised from the {entry_site} UI catalog ({msgid!r})"
                break
        else:
            entry_site, msgid = entries[0]
            block.findings.append(Finding(
                "chrome", Severity.WARNING,
                f"no {target} wording for {msgid!r} ({entry_site}) in the UI catalogs: dropped, not "
                f"machine-translated; add it to {target}/LC_MESSAGES/{DOMAIN}.po",
            ))
            findings.append(block.findings[-1].at(block=index))
    for finding in findings:
        log.log(logging.WARNING if finding.severity is Severity.WARNING else logging.INFO,
                "%s → %s: %s", document.name, target, finding.message)
    return findings
