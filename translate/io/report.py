"""The QA report as a self-contained HTML page an editor opens in a browser.

:func:`render_article_report` turns one article's report (the dict written as
``OUTPUT.report.json``) into a page with the source and its translation side by side,
glossary terms highlighted by status, findings per segment and what was not translated;
:func:`render_run_report` turns a batch's manifest into a page listing every outcome with
a link to each article's page. Pages have inline CSS only: no script, no external asset,
and a Content-Security-Policy that forbids loading any, so they open from a folder, a mail
attachment or a zip the same way. Every piece of article text is escaped.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

# Glossary term statuses (the glossary stage's vocabulary) and what each means to an editor.
TERM_STATUSES = {
    "kept": "the translation already used the glossary's form",
    "enforced": "the glossary's form was put into the translation",
    "failed": "the glossary's form is missing from the translation",
}
SEVERITIES = ("error", "warning", "info")
OUTCOME_STATUSES = ("failed", "flagged", "translated", "skipped")
_ENGINE_SETTINGS = (("engine", ""), ("model", "model "), ("fallback", "fallback "))
_KIND_LABELS = {"title": "Title", "caption": "Caption", "body": "Body", "unknown": "Text"}
_DISPOSITION_LABELS = {"drop": "dropped", "keep": "kept as is", "replace": "replaced", "translate": "translated"}

_CSS = """
:root { color-scheme: light; --border: #c9ced6; --muted: #5b6573; --head: #eef1f5; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, "Noto Sans", "Noto Sans Armenian", "DejaVu Sans", sans-serif;
       margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 110rem; color: #1d232b; background: #fff; }
h1 { font-size: 1.35rem; margin: .2rem 0 .6rem; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin: 1.8rem 0 .5rem; }
code, pre { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--head); padding: .6rem; }
.muted { color: var(--muted); }
.warning-banner { background: #fff4ce; border: 1px solid #e0b400; padding: .5rem .8rem; margin: .6rem 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: .6rem 0; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--border); border-radius: 4px; padding: .25rem .6rem; }
.counts b { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--border); padding: .35rem .5rem; vertical-align: top; text-align: left;
         overflow-wrap: break-word; }
/* Article text and paths may hold a 10,000-character "word": break it rather than widen the table. */
td.source, td.target, td.notes, td.input, td.text { overflow-wrap: anywhere; }
thead th { background: var(--head); position: sticky; top: 0; z-index: 1; }
table.segments { table-layout: fixed; }
table.segments col.id { width: 3.8rem; }
table.segments col.text { width: 34%; }
tr.group-head th { background: #f7f8fa; font-weight: 600; color: var(--muted); text-transform: uppercase;
                   letter-spacing: .04em; font-size: .8rem; }
tr.article-head th { background: #dfe5ee; font-size: .95rem; }
th.segment-id { font-weight: normal; color: var(--muted); font-size: .85rem; }
tr.has-error th.segment-id { border-left: 4px solid #b3261e; }
tr.has-warning th.segment-id { border-left: 4px solid #d29b00; }
td.empty { color: var(--muted); font-style: italic; }
ul.findings, ul.terms { margin: 0; padding: 0; list-style: none; }
ul.findings li, ul.terms li { margin: 0 0 .25rem; }
ul.terms { margin-top: .3rem; }
.check { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; color: var(--muted); }
.badge { display: inline-block; white-space: nowrap; border-radius: 3px; padding: 0 .35rem; font-size: .75rem; font-weight: 700;
         text-transform: uppercase; letter-spacing: .03em; vertical-align: baseline; }
.sev-error { background: #b3261e; color: #fff; }
.sev-warning { background: #f2c230; color: #1d232b; }
.sev-info { background: #5b6573; color: #fff; }
.status-failed { background: #b3261e; color: #fff; }
.status-flagged { background: #f2c230; color: #1d232b; }
.status-translated { background: #1e7b34; color: #fff; }
.status-skipped { background: #8a94a3; color: #fff; }
mark.term { color: inherit; padding: 0 .1em; border-radius: 2px; }
mark.term-kept { background: #c6ebd0; box-shadow: inset 0 -2px #1e7b34; }
mark.term-enforced { background: #cfe0ff; box-shadow: inset 0 -2px #1a56c4; }
mark.term-failed { background: #ffd2cf; text-decoration: underline wavy #b3261e; }
mark.term-other { background: #ececec; box-shadow: inset 0 -2px #5b6573; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; align-items: baseline; margin: .5rem 0 .8rem;
          padding: .5rem .8rem; border: 1px solid var(--border); border-radius: 4px; background: #fafbfc; }
.legend > span { white-space: nowrap; }
.legend .explain { color: var(--muted); font-size: .85rem; white-space: normal; }
details { margin: .6rem 0; }
summary { cursor: pointer; }
"""


def _mapping(value: object) -> Mapping[str, object]:
    """``value`` when it is a mapping, else an empty one: reports may come from older versions."""
    return value if isinstance(value, Mapping) else {}


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        # Nothing may be loaded: inline styles only (and the empty icon below, so the browser asks for none).
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _severity_badge(severity: object) -> str:
    name = str(severity) if severity in SEVERITIES else "info"
    return f'<span class="badge sev-{name}">{_e(severity)}</span>'


def _counts_list(items: Iterable[tuple[str, object]], css: str = "counts") -> str:
    cells = "".join(f"<li><b>{_e(value)}</b> {_e(label)}</li>" for label, value in items)
    return f'<ul class="{css}">{cells}</ul>'


# --- glossary highlights -----------------------------------------------------------------


def _term_class(status: object) -> str:
    return f"term-{status}" if status in TERM_STATUSES else "term-other"


def _term_spans(text: str, terms: Sequence[Mapping[str, object]], side: str) -> list[tuple[int, int, Mapping[str, object]]]:
    """Where each term's ``side`` form occurs in ``text``: longest first, never overlapping."""
    candidates = []
    for term in terms:
        needle = term.get(side)
        if not isinstance(needle, str) or not needle.strip():
            continue
        # The form as a whole word ("Armenia" not inside "Armenian"), as written; failing that,
        # in another case ("Csto" for "CSTO" in a title).
        pattern = rf"(?<!\w){re.escape(needle)}(?!\w)"
        matches = list(re.finditer(pattern, text)) or list(re.finditer(pattern, text, re.IGNORECASE))
        candidates += [(match.start(), match.end(), term) for match in matches]
    candidates.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    spans: list[tuple[int, int, Mapping[str, object]]] = []
    for start, end, term in candidates:
        if not spans or start >= spans[-1][1]:
            spans.append((start, end, term))
    return spans


def _term_title(term: Mapping[str, object]) -> str:
    target = term.get("target")
    return f"glossary: {term.get('source')} → {target if target else '(missing)'} ({term.get('status')})"


def highlight_terms(text: str, terms: Sequence[Mapping[str, object]], side: str) -> str:
    """``text`` escaped for HTML, with each glossary term's ``side`` form ("source" or "target")
    wrapped in a ``<mark>`` styled by the term's status."""
    parts = []
    cursor = 0
    for start, end, term in _term_spans(text, terms, side):
        parts.append(_e(text[cursor:start]))
        parts.append(
            f'<mark class="term {_term_class(term.get("status"))}" title="{_e(_term_title(term))}">'
            f"{_e(text[start:end])}</mark>"
        )
        cursor = end
    parts.append(_e(text[cursor:]))
    return "".join(parts)


def _legend() -> str:
    terms = "".join(
        f'<span><mark class="term {_term_class(status)}">{_e(status)}</mark> '
        f'<span class="explain">{_e(meaning)}</span></span>'
        for status, meaning in TERM_STATUSES.items()
    )
    severities = "".join(f"<span>{_severity_badge(severity)}</span>" for severity in SEVERITIES)
    return (
        '<div class="legend" id="legend"><strong>Glossary terms:</strong>'
        f"{terms}<strong>Findings:</strong>{severities}</div>"
    )


# --- the article page --------------------------------------------------------------------


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


def _segment_row(segment: Mapping[str, object], source_language: str, target_language: str) -> str:
    terms = [term for term in segment.get("terms") or [] if isinstance(term, Mapping)]
    findings = [finding for finding in segment.get("findings") or [] if isinstance(finding, Mapping)]
    severities = {finding.get("severity") for finding in findings}
    row_class = "has-error" if "error" in severities else "has-warning" if "warning" in severities else ""
    block, number = segment.get("block"), segment.get("segment")
    anchor = f"a{segment.get('article', 0)}-b{block}-s{number}"
    source = str(segment.get("source") or "")
    target = segment.get("target")
    if isinstance(target, str):
        target_cell = f'<td class="target" lang="{_e(target_language)}" dir="auto">{highlight_terms(target, terms, "target")}</td>'
    else:
        target_cell = '<td class="target empty">not translated</td>'
    notes = []
    if findings:
        items = "".join(
            f'<li class="finding finding-{_e(finding.get("severity"))}">{_severity_badge(finding.get("severity"))} '
            f'<span class="check">{_e(finding.get("check"))}</span> {_e(finding.get("message"))}</li>'
            for finding in findings
        )
        notes.append(f'<ul class="findings">{items}</ul>')
    if terms:
        items = "".join(
            f'<li><mark class="term {_term_class(term.get("status"))}">{_e(term.get("source"))}</mark> → '
            f'{_e(term.get("target")) if term.get("target") else "<em>missing</em>"} '
            f'<span class="muted">({_e(term.get("status"))})</span></li>'
            for term in terms
        )
        notes.append(f'<ul class="terms">{items}</ul>')
    notes_cell = "".join(notes) or '<span class="muted">—</span>'
    return (
        f'<tr id="{_e(anchor)}" class="segment {row_class}">'
        f'<th scope="row" class="segment-id" title="block {_e(block)}, segment {_e(number)}">{_e(block)}.{_e(number)}</th>'
        f'<td class="source" lang="{_e(source_language)}" dir="auto">{highlight_terms(source, terms, "source")}</td>'
        f'{target_cell}<td class="notes">{notes_cell}</td></tr>'
    )


def _segments_table(report: Mapping[str, object], source_language: str, target_language: str) -> str:
    segments = [segment for segment in report.get("segments") or [] if isinstance(segment, Mapping)]
    if not segments:
        return '<p class="muted">No segment was translated.</p>'
    articles = report.get("articles")
    names = list(articles) if isinstance(articles, list) and len(articles) > 1 else None
    groups: list[str] = []
    current: tuple[object, object] | None = None
    rows: list[str] = []

    def close_group() -> None:
        if rows:
            groups.append("".join(rows) + "</tbody>")
            rows.clear()

    for segment in segments:
        article, kind = segment.get("article"), segment.get("kind")
        if names is not None and (current is None or article != current[0]):
            close_group()
            name = names[article] if isinstance(article, int) and 0 <= article < len(names) else article
            groups.append(
                f'<tbody class="article"><tr class="article-head"><th colspan="4" scope="rowgroup">'
                f"Article {_e(article + 1 if isinstance(article, int) else article)}: {_e(name)}</th></tr></tbody>"
            )
            current = None
        if current != (article, kind):
            close_group()
            label = _KIND_LABELS.get(str(kind), str(kind).title())
            rows.append(
                f'<tbody class="group kind-{_e(kind)}"><tr class="group-head">'
                f'<th colspan="4" scope="rowgroup">{_e(label)}</th></tr>'
            )
            current = (article, kind)
        rows.append(_segment_row(segment, source_language, target_language))
    close_group()
    return (
        '<table class="segments" id="segments">'
        '<colgroup><col class="id"><col class="text"><col class="text"><col></colgroup>'
        f"<thead><tr><th>#</th><th>Source ({_e(source_language)})</th><th>Translation ({_e(target_language)})</th>"
        f"<th>Findings and terms</th></tr></thead>{''.join(groups)}</table>"
    )


def _block_note(finding: Mapping[str, object]) -> str:
    block = finding.get("block")
    return "" if block is None else f' <span class="muted">(block {_e(block)})</span>'


def _other_findings(report: Mapping[str, object]) -> str:
    """Findings not tied to one segment (recorded by earlier stages, e.g. chrome strings)."""
    loose = [f for f in report.get("findings") or [] if isinstance(f, Mapping) and f.get("segment") is None]
    if not loose:
        return ""
    items = "".join(
        f'<li class="finding finding-{_e(f.get("severity"))}">{_severity_badge(f.get("severity"))} '
        f'<span class="check">{_e(f.get("check"))}</span> {_e(f.get("message"))}{_block_note(f)}</li>'
        for f in loose
    )
    return f'<h2 id="other-findings">Other findings</h2><ul class="findings">{items}</ul>'


def _not_translated(report: Mapping[str, object]) -> str:
    entries = [entry for entry in report.get("not_translated") or [] if isinstance(entry, Mapping)]
    if not entries:
        return '<h2 id="not-translated">Not translated</h2><p class="muted">Every block was translated.</p>'
    rows = "".join(
        f'<tr class="not-translated kind-{_e(entry.get("kind"))}"><td>{_e(entry.get("block"))}</td>'
        f'<td>{_e(entry.get("kind"))}</td>'
        f'<td>{_e(_DISPOSITION_LABELS.get(str(entry.get("disposition")), entry.get("disposition")))}</td>'
        f'<td class="text" dir="auto">{_e(entry.get("text"))}</td><td>{_e(entry.get("reason") or "")}</td></tr>'
        for entry in entries
    )
    return (
        '<h2 id="not-translated">Not translated</h2>'
        '<p class="muted">Page chrome, repeated lines and other blocks that never went to the engine, and why.</p>'
        '<table class="not-translated"><thead><tr><th>Block</th><th>Kind</th><th>What happened</th>'
        f"<th>Text</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _finding_counts(report: Mapping[str, object]) -> Counter[str]:
    counts = report.get("finding_counts")
    if isinstance(counts, Mapping):
        return Counter({str(key): int(value) for key, value in counts.items()})
    return Counter(str(f.get("severity")) for f in report.get("findings") or [] if isinstance(f, Mapping))


def _term_counts(report: Mapping[str, object]) -> Counter[str]:
    return Counter(
        str(term.get("status"))
        for segment in report.get("segments") or [] if isinstance(segment, Mapping)
        for term in segment.get("terms") or [] if isinstance(term, Mapping)
    )


def render_article_report(report: Mapping[str, object]) -> str:
    """One article's QA report (the ``OUTPUT.report.json`` dict) as a self-contained HTML page."""
    signature = _mapping(report.get("signature"))
    source_language = str(signature.get("source") or "")
    target_language = str(signature.get("target") or "")
    engines = _mapping(signature.get("engines"))
    engine_lines = "<br>".join(f"{_e(language)}: {_e(_engine_text(value))}" for language, value in engines.items())
    notes = sorted({note for value in engines.values() for note in _engine_notes(value)})
    banner = "".join(f'<p class="warning-banner">{_e(note)}</p>' for note in notes)
    segments = report.get("segments") or []
    findings = _finding_counts(report)
    terms = _term_counts(report)
    counts = [("segments", len(segments) if isinstance(segments, list) else 0)]
    counts += [(f"{severity} findings", findings.get(severity, 0)) for severity in SEVERITIES]
    counts += [(f"glossary terms {status}", terms[status]) for status in TERM_STATUSES if terms[status]]
    blocks = _mapping(report.get("blocks"))
    block_counts = _counts_list(((str(key).replace(":", ", "), value) for key, value in blocks.items()))
    title = f"QA report: {Path(str(report.get('source') or 'article')).name} → {target_language}"
    meta = [
        ("Source", report.get("source")),
        ("Output", report.get("output")),
        ("Languages", f"{source_language} → {target_language}"),
        ("Version", f"translate {signature.get('translate', '?')}"),
        ("Glossary", _glossary_text(signature.get("glossary"))),
        ("Segmenter", signature.get("segmenter")),
        ("Chrome", signature.get("chrome")),
    ]
    meta_html = "".join(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in meta)
    meta_html += f"<dt>Engine</dt><dd>{engine_lines or 'none'}</dd>"
    body = (
        f"<header><h1>{_e(title)}</h1>{banner}<dl class=\"meta\">{meta_html}</dl>"
        f"{_counts_list(counts)}<details><summary>Blocks by kind</summary>{block_counts}</details>"
        f"<details><summary>Full signature</summary><pre>{_e(json.dumps(signature, ensure_ascii=False, indent=2))}</pre>"
        "</details></header>"
        f'<main><h2 id="side-by-side">Source and translation</h2>{_legend()}'
        f"{_segments_table(report, source_language, target_language)}"
        f"{_other_findings(report)}{_not_translated(report)}</main>"
    )
    return _page(title, body)


# --- the run page ------------------------------------------------------------------------


def article_page_path(output: Path | str) -> Path:
    """Where an output's HTML report goes: beside it, ``OUTPUT.report.html``."""
    output = Path(output)
    return output.with_name(output.name + ".report.html")


def _link(page: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return quote(Path(os.path.relpath(page, base)).as_posix())
        except ValueError:  # another drive: no relative path
            pass
    return page.as_uri() if page.is_absolute() else quote(page.as_posix())


def _check_summary(report: Mapping[str, object] | None) -> str:
    if not report:
        return ""
    checks = Counter(
        str(f.get("check")) for f in report.get("findings") or [] if isinstance(f, Mapping)
        and f.get("severity") in ("error", "warning")
    )
    return ", ".join(f"{check} × {count}" for check, count in checks.most_common())


def _outcome_row(outcome: Mapping[str, object], report: Mapping[str, object] | None, base: Path | None) -> str:
    status = str(outcome.get("status"))
    badge = f'<span class="badge status-{_e(status) if status in OUTCOME_STATUSES else "skipped"}">{_e(status)}</span>'
    counts = _mapping(outcome.get("findings"))
    findings = " ".join(
        f"{_severity_badge(severity)} {_e(counts[severity])}" for severity in SEVERITIES if counts.get(severity)
    ) or '<span class="muted">—</span>'
    terms = _term_counts(report) if report else Counter()
    glossary = ", ".join(f"{terms[status]} {status}" for status in TERM_STATUSES if terms[status])
    output = outcome.get("output")
    link = ""
    if output and report is not None:
        link = f'<a class="article-link" href="{_e(_link(article_page_path(str(output)), base))}">report</a>'
    note = (
        f'<span class="error">{_e(str(outcome.get("error") or "failed").splitlines()[0])}</span>'
        if status == "failed" else _e(_check_summary(report))
    )
    return (
        f'<tr class="outcome status-row-{_e(status)}"><td class="input" dir="auto">{_e(outcome.get("input"))}</td>'
        f"<td>{_e(outcome.get('target'))}</td><td>{badge}</td><td>{_e(outcome.get('segments') or '')}</td>"
        f"<td>{findings}</td><td>{_e(glossary)}</td><td>{link}</td><td>{note}</td></tr>"
    )


def render_run_report(manifest: Mapping[str, object], reports: Sequence[Mapping[str, object]], *,
                      base: Path | str | None = None) -> str:
    """A batch run (its ``manifest.json`` dict and the reports of its outputs) as a self-contained
    HTML page: the summary and every outcome, what needs a look first, each linked to its article
    page. Links are relative to ``base`` (the output directory) when given."""
    base_path = Path(base).resolve() if base is not None else None
    by_output = {str(report.get("output")): report for report in reports if report.get("output")}
    outcomes = [outcome for outcome in manifest.get("outcomes") or [] if isinstance(outcome, Mapping)]
    order = {status: rank for rank, status in enumerate(OUTCOME_STATUSES)}
    outcomes.sort(key=lambda o: (order.get(str(o.get("status")), 0), str(o.get("input")), str(o.get("target"))))
    summary = _mapping(manifest.get("summary"))
    counts = [(status, summary.get(status, 0)) for status in ("translated", "flagged", "skipped", "failed")]
    counts.append(("in all", len(outcomes)))
    settings = _mapping(manifest.get("settings"))
    targets = manifest.get("targets")
    meta = [
        ("Version", f"translate {manifest.get('translate', '?')}"),
        ("Started", manifest.get("started")),
        ("Finished", manifest.get("finished") or "not finished: still running, or interrupted"),
        ("Languages", f"{manifest.get('source')} → {', '.join(map(str, targets)) if isinstance(targets, list) else targets}"),
        ("Engine", "; ".join(f"{label}{settings[key]}" for key, label in _ENGINE_SETTINGS if settings.get(key))),
        ("Output format", manifest.get("output_format")),
    ]
    meta_html = "".join(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in meta)
    rows = "".join(_outcome_row(o, by_output.get(str(o.get("output"))), base_path) for o in outcomes)
    table = (
        '<table class="outcomes" id="outcomes"><thead><tr><th>Input</th><th>Target</th><th>Status</th>'
        "<th>Segments</th><th>Findings</th><th>Glossary</th><th>Report</th><th>Error or checks</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if outcomes else '<p class="muted">No input.</p>'
    )
    title = "Translation run report"
    body = (
        f'<header><h1>{_e(title)}</h1><dl class="meta">{meta_html}</dl>'
        f'<div id="summary">{_counts_list(counts)}</div></header>'
        f'<main><h2>Outcomes</h2><p class="muted">Failed and flagged first.</p>{table}</main>'
    )
    return _page(title, body)
