"""A batch run's QA page from its manifest (``OUT/manifest.json``) and its outputs' reports.

:func:`render_run_report` reads them into :class:`OutcomeRow` values; ``templates/run.html``
lays them out, with a link from each output to its article's page.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from translate.io.report.article import as_mapping
from translate.io.report.environment import OUTCOME_STATUSES, SEVERITIES, render
from translate.io.report.terms import TERM_STATUSES, term_counts

ENGINE_SETTINGS = (("engine", ""), ("model", "model "), ("fallback", "fallback "))


class OutcomeRow(NamedTuple):
    input: object
    target: object
    status: str
    segments: object
    findings: list[tuple[str, object]]  # (severity, count) of the severities that occurred
    glossary: str
    href: str | None  # the article page, when there is an output with a report
    error: str | None  # the first line of a failure's error
    checks: str  # the checks that found errors or warnings, most frequent first
    note: str | None  # said beside the status: copied (same language), renamed output


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


def _outcome_row(outcome: Mapping[str, object], report: Mapping[str, object] | None, base: Path | None) -> OutcomeRow:
    status = str(outcome.get("status"))
    counts = as_mapping(outcome.get("findings"))
    terms = term_counts(report) if report else Counter()
    output = outcome.get("output")
    return OutcomeRow(
        input=outcome.get("input"),
        target=outcome.get("target"),
        status=status,
        segments=outcome.get("segments") or "",
        findings=[(severity, counts[severity]) for severity in SEVERITIES if counts.get(severity)],
        glossary=", ".join(f"{terms[name]} {name}" for name in TERM_STATUSES if terms[name]),
        href=_link(article_page_path(str(output)), base) if output and report is not None else None,
        error=str(outcome.get("error") or "failed").splitlines()[0] if status == "failed" else None,
        checks=_check_summary(report),
        note=str(outcome["note"]) if outcome.get("note") else None,
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
    summary = as_mapping(manifest.get("summary"))
    counts: list[tuple[str, object]] = [(status, summary.get(status, 0))
                                        for status in ("translated", "same-language", "flagged", "skipped", "failed")]
    counts.append(("in all", len(outcomes)))
    settings = as_mapping(manifest.get("settings"))
    targets = manifest.get("targets")
    targets_text = ", ".join(map(str, targets)) if isinstance(targets, list) else targets
    return render(
        "run.html",
        title="Translation run report",
        meta=[
            ("Version", f"translate {manifest.get('translate', '?')}"),
            ("Started", manifest.get("started")),
            ("Finished", manifest.get("finished") or "not finished: still running, or interrupted"),
            ("Languages", f"{manifest.get('source')} → {targets_text}"),
            ("Engine", "; ".join(f"{label}{settings[key]}" for key, label in ENGINE_SETTINGS if settings.get(key))),
            ("Output format", manifest.get("output_format")),
        ],
        counts=counts,
        outcomes=[_outcome_row(o, by_output.get(str(o.get("output"))), base_path) for o in outcomes],
    )
