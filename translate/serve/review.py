"""QA review of batch outputs: the flagged segments of one or more output folders, and which
findings an editor has marked reviewed.

A folder is what ``translate batch -o OUT`` wrote: ``manifest.json`` and, beside each output,
``OUTPUT.report.json`` (segments with their findings and glossary terms). Review marks are kept
beside them in ``OUT/review.json`` — the outputs and their reports are never touched, so a rerun
of the batch does not lose them, and a finding whose text changed is a new finding to review.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import InputError
from translate.io.report import highlight_spans
from translate.io.report.terms import Highlight
from translate.io.writers import write_atomic

MANIFEST = "manifest.json"
REVIEW_FILE = "review.json"
REPORT_SUFFIX = ".report.json"
# What an editor filters by: a finding's check code → its category.
CATEGORIES = {"glossary": ("glossary.",), "numbers": ("numbers", "quantities."), "untranslated": ("untranslated",),
              "loops": ("repetition",)}
FLAGGED_SEVERITIES = ("error", "warning")

_marking = threading.Lock()


def category_of(check: str) -> str:
    for name, prefixes in CATEGORIES.items():
        if any(check == prefix or (prefix.endswith(".") and check.startswith(prefix)) for prefix in prefixes):
            return name
    return "other"


@dataclass
class FlaggedFinding:
    key: str
    check: str
    severity: str
    message: str
    category: str
    reviewed: bool
    entries: list[str] = field(default_factory=list)  # glossary entries the finding is about


@dataclass
class FlaggedSegment:
    anchor: str
    block: object
    segment: object
    source: list[Highlight]
    target: list[Highlight] | None
    findings: list[FlaggedFinding]

    @property
    def reviewed(self) -> bool:
        return all(finding.reviewed for finding in self.findings)


@dataclass
class ReviewedOutput:
    folder: int  # the folder's number in the workspace (URLs name it so, never by path)
    output: str  # relative to the folder
    source_language: str
    target_language: str
    segments: list[FlaggedSegment]


class ReviewWorkspace:
    def __init__(self, folders: list[Path]):
        self.folders = [folder.resolve() for folder in folders]

    def reports(self, number: int) -> list[Path]:
        """The reports of folder ``number``: those the manifest names, else every one in it."""
        folder = self.folders[number]
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return sorted(folder.rglob(f"*{REPORT_SUFFIX}"))
        paths = []
        for outcome in manifest.get("outcomes") or []:
            output = outcome.get("output") if isinstance(outcome, Mapping) else None
            if output:
                report = Path(output).with_name(Path(output).name + REPORT_SUFFIX)
                report = report if report.is_absolute() else folder / report
                if report.is_file() and report.resolve().is_relative_to(folder):
                    paths.append(report)
        return sorted(set(paths))

    def marks(self, number: int) -> dict[str, dict[str, object]]:
        try:
            data = json.loads((self.folders[number] / REVIEW_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        reviewed = data.get("reviewed") if isinstance(data, dict) else None
        return reviewed if isinstance(reviewed, dict) else {}

    def flagged(self, category: str = "", include_reviewed: bool = True) -> list[ReviewedOutput]:
        """Every output with flagged segments (findings of severity error or warning), in folder order."""
        return [output for number in range(len(self.folders))
                for output in self.flagged_in(number, category, include_reviewed)]

    def flagged_in(self, number: int, category: str = "", include_reviewed: bool = True) -> list[ReviewedOutput]:
        """The outputs of folder ``number`` with flagged segments."""
        folder, marks, outputs = self.folders[number], self.marks(number), []
        for report_path in self.reports(number):
            try:
                report = json.loads(report_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            output = report_path.relative_to(folder).as_posix()[: -len(REPORT_SUFFIX)]
            segments = [segment for segment in (_flagged(output, item, marks) for item in report.get("segments") or []
                                                if isinstance(item, Mapping)) if segment is not None]
            segments = [_only(segment, category, include_reviewed) for segment in segments]
            segments = [segment for segment in segments if segment.findings]
            if segments:
                signature = report.get("signature") if isinstance(report.get("signature"), Mapping) else {}
                outputs.append(ReviewedOutput(number, output, str(signature.get("source") or ""),
                                              str(signature.get("target") or ""), segments))
        return outputs

    def mark(self, number: int, key: str, reviewed: bool) -> None:
        """Mark the finding ``key`` of folder ``number`` reviewed (or not), in ``review.json`` there."""
        if not 0 <= number < len(self.folders):
            raise InputError(f"no output folder number {number}")
        found = {finding.key: (output, finding) for output in self.flagged_in(number)
                 for segment in output.segments for finding in segment.findings}
        if key not in found:
            raise InputError(f"no flagged finding {key!r} in {self.folders[number].name}")
        with _marking:
            marks = self.marks(number)
            if reviewed:
                output, finding = found[key]
                marks[key] = {"output": output.output, "check": finding.check, "message": finding.message,
                              "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")}
            else:
                marks.pop(key, None)
            data = {"about": "findings marked reviewed in `translate serve`; the outputs are unchanged",
                    "reviewed": marks}
            write_atomic(self.folders[number] / REVIEW_FILE, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def finding_key(output: str, segment: Mapping[str, object], finding: Mapping[str, object]) -> str:
    parts = [output, segment.get("article", 0), segment.get("block"), segment.get("segment"),
             finding.get("check"), finding.get("message")]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[:16]


def _flagged(output: str, segment: Mapping[str, object], marks: Mapping[str, object]) -> FlaggedSegment | None:
    terms = [term for term in segment.get("terms") or [] if isinstance(term, Mapping)]
    findings = []
    for finding in segment.get("findings") or []:
        if not isinstance(finding, Mapping) or finding.get("severity") not in FLAGGED_SEVERITIES:
            continue
        check, message = str(finding.get("check")), str(finding.get("message"))
        entries = []
        if category_of(check) == "glossary":
            entries = [str(term["term"]) for term in terms if term.get("term") and f"'{term['term']}'" in message]
            entries = entries or [str(term["term"]) for term in terms if term.get("status") == "failed" and term.get("term")]
        key = finding_key(output, segment, finding)
        findings.append(FlaggedFinding(key, check, str(finding.get("severity")), message, category_of(check),
                                       key in marks, list(dict.fromkeys(entries))))
    if not findings:
        return None
    target = segment.get("target")
    return FlaggedSegment(
        anchor=f"a{segment.get('article', 0)}-b{segment.get('block')}-s{segment.get('segment')}",
        block=segment.get("block"), segment=segment.get("segment"),
        source=highlight_spans(str(segment.get("source") or ""), terms, "source"),
        target=highlight_spans(target, terms, "target") if isinstance(target, str) else None,
        findings=findings)


def _only(segment: FlaggedSegment, category: str, include_reviewed: bool) -> FlaggedSegment:
    findings = [finding for finding in segment.findings
                if (not category or finding.category == category) and (include_reviewed or not finding.reviewed)]
    return FlaggedSegment(segment.anchor, segment.block, segment.segment, segment.source, segment.target, findings)
