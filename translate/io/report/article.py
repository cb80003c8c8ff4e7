"""One article's QA page from its report (the dict written as ``OUTPUT.report.json``).

The functions here read the dict, which may come from an older version and lack keys, into
plain values (:class:`SegmentRow`, :class:`FindingView`…); ``templates/article.html`` lays
them out.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from translate.io.report.environment import SEVERITIES, environment, render
from translate.io.report.terms import (
    TERM_STATUSES,
    Highlight,
    highlight_spans,
    term_counts,
)

KIND_LABELS = {"title": "Title", "caption": "Caption", "body": "Body", "unknown": "Text"}
DISPOSITION_LABELS = {"drop": "dropped", "keep": "kept as is", "replace": "replaced", "translate": "translated"}


class FindingView(NamedTuple):
    severity: object
    check: object
    message: object
    block: object = None


class TermNote(NamedTuple):
    source: object
    target: object
    status: object


class SegmentRow(NamedTuple):
    anchor: str
    severity_class: str  # the row's worst finding, for its left border
    block: object
    number: object
    source: list[Highlight]
    target: list[Highlight] | None  # None: not translated
    findings: list[FindingView]
    terms: list[TermNote]


class SegmentGroup(NamedTuple):
    """Consecutive segments of one block kind; ``article_heading`` starts a new article."""

    article_heading: str | None
    kind: object
    label: str
    rows: list[SegmentRow]


class NotTranslated(NamedTuple):
    block: object
    kind: object
    disposition: object
    text: object
    reason: object


def as_mapping(value: object) -> Mapping[str, object]:
    """``value`` when it is a mapping, else an empty one: reports may come from older versions."""
    return value if isinstance(value, Mapping) else {}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _finding(finding: Mapping[str, object]) -> FindingView:
    return FindingView(finding.get("severity"), finding.get("check"), finding.get("message"), finding.get("block"))


def highlight_terms(text: str, terms: Sequence[Mapping[str, object]], side: str) -> str:
    """``text`` escaped for HTML, with each glossary term's ``side`` form ("source" or "target")
    wrapped in a ``<mark>`` styled by the term's status."""
    macros = environment().get_template("macros.html").module
    return str(macros.highlighted(highlight_spans(text, terms, side)))  # type: ignore[attr-defined]


def _engine_text(signature: object) -> str:
    if not isinstance(signature, Mapping):
        return str(signature)
    if "hops" in signature and isinstance(signature["hops"], Sequence):
        hops = " → ".join(_engine_text(hop) for hop in signature["hops"])
        return f"{hops} (through {signature.get('pivot')})"
    text = str(signature.get("engine", "?"))
    if signature.get("checkpoint"):
        text += f", checkpoint {signature['checkpoint']}"
    if signature.get("revision"):
        text += f" ({signature['revision']})"
    return text


def _engine_notes(signature: object) -> list[str]:
    if not isinstance(signature, Mapping):
        return []
    notes = [str(signature["note"])] if signature.get("note") else []
    for hop in signature.get("hops", []) if isinstance(signature.get("hops"), list) else []:
        notes += _engine_notes(hop)
    return notes


def _glossary_text(glossary: object) -> str:
    if not glossary:
        return "none"
    if isinstance(glossary, Mapping):
        return ", ".join(f"{key}: {value}" for key, value in glossary.items())
    return str(glossary)


def _segment_row(segment: Mapping[str, object]) -> SegmentRow:
    terms = [term for term in segment.get("terms") or [] if isinstance(term, Mapping)]
    findings = [_finding(finding) for finding in segment.get("findings") or [] if isinstance(finding, Mapping)]
    severities = {finding.severity for finding in findings}
    block, number = segment.get("block"), segment.get("segment")
    target = segment.get("target")
    return SegmentRow(
        anchor=f"a{segment.get('article', 0)}-b{block}-s{number}",
        severity_class="has-error" if "error" in severities else "has-warning" if "warning" in severities else "",
        block=block,
        number=number,
        source=highlight_spans(str(segment.get("source") or ""), terms, "source"),
        target=highlight_spans(target, terms, "target") if isinstance(target, str) else None,
        findings=findings,
        terms=[TermNote(term.get("source"), term.get("target"), term.get("status")) for term in terms],
    )


def _segment_groups(report: Mapping[str, object]) -> list[SegmentGroup]:
    """The report's segments in order, grouped by article (when the file held several) and block kind."""
    articles = report.get("articles")
    names = list(articles) if isinstance(articles, list) and len(articles) > 1 else None
    groups: list[SegmentGroup] = []
    current: tuple[object, object] | None = None
    for segment in report.get("segments") or []:
        if not isinstance(segment, Mapping):
            continue
        article, kind = segment.get("article"), segment.get("kind")
        heading = None
        if names is not None and (current is None or article != current[0]):
            name = names[article] if isinstance(article, int) and 0 <= article < len(names) else article
            number = article + 1 if isinstance(article, int) else article
            heading = f"Article {_text(number)}: {_text(name)}"
            current = None
        if current != (article, kind):
            label = KIND_LABELS.get(str(kind), str(kind).title())
            groups.append(SegmentGroup(heading, kind, label, []))
            current = (article, kind)
        groups[-1].rows.append(_segment_row(segment))
    return groups


def _not_translated(report: Mapping[str, object]) -> list[NotTranslated]:
    return [
        NotTranslated(entry.get("block"), entry.get("kind"),
                      DISPOSITION_LABELS.get(str(entry.get("disposition")), entry.get("disposition")),
                      entry.get("text"), entry.get("reason") or "")
        for entry in report.get("not_translated") or [] if isinstance(entry, Mapping)
    ]


def _finding_counts(report: Mapping[str, object]) -> Counter[str]:
    counts = report.get("finding_counts")
    if isinstance(counts, Mapping):
        return Counter({str(key): int(value) for key, value in counts.items()})
    return Counter(str(f.get("severity")) for f in report.get("findings") or [] if isinstance(f, Mapping))


def render_article_report(report: Mapping[str, object]) -> str:
    """One article's QA report (the ``OUTPUT.report.json`` dict) as a self-contained HTML page."""
    signature = as_mapping(report.get("signature"))
    source_language = str(signature.get("source") or "")
    target_language = str(signature.get("target") or "")
    engines = as_mapping(signature.get("engines"))
    segments = report.get("segments") or []
    findings = _finding_counts(report)
    terms = term_counts(report)
    counts: list[tuple[str, object]] = [("segments", len(segments) if isinstance(segments, list) else 0)]
    counts += [(f"{severity} findings", findings.get(severity, 0)) for severity in SEVERITIES]
    counts += [(f"glossary terms {status}", terms[status]) for status in TERM_STATUSES if terms[status]]
    # Findings tied to no segment (recorded by earlier stages, e.g. chrome strings).
    loose = [_finding(f) for f in report.get("findings") or [] if isinstance(f, Mapping) and f.get("segment") is None]
    return render(
        "article.html",
        title=f"QA report: {Path(str(report.get('source') or 'article')).name} → {target_language}",
        engine_notes=sorted({note for value in engines.values() for note in _engine_notes(value)}),
        meta=[
            ("Source", report.get("source")),
            ("Output", report.get("output")),
            ("Languages", f"{source_language} → {target_language}"),
            ("Version", f"translate {signature.get('translate', '?')}"),
            ("Glossary", _glossary_text(signature.get("glossary"))),
            ("Segmenter", signature.get("segmenter")),
            ("Chrome", signature.get("chrome")),
        ],
        engines=[(language, _engine_text(value)) for language, value in engines.items()],
        counts=counts,
        block_counts=[(str(key).replace(":", ", "), value) for key, value in as_mapping(report.get("blocks")).items()],
        signature_json=json.dumps(signature, ensure_ascii=False, indent=2),
        source_language=source_language,
        target_language=target_language,
        groups=_segment_groups(report),
        loose_findings=loose,
        not_translated=_not_translated(report),
    )
