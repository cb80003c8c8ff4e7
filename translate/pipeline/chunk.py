"""One chunk of a batch, translated: its files read, outputs still up to date skipped, the rest
translated together (their segments go to the engine in shared batches, sorted by length across
articles), each output written with its reports; an :class:`Outcome` for every file × language.

The same code runs in a batch's own threads (:mod:`translate.pipeline.batch`) and on a Dask
worker (:mod:`translate.pipeline.cluster_worker`). Where each output goes is not decided here:
it comes from the batch's naming plan (:mod:`translate.pipeline.naming`), made once, by the
driver, for every input. Whether a file is claimed in the output folder's journal before it is
written is the caller's (:class:`ChunkContext.folder`): the driver claims; a worker writes what
the driver claimed for it.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.document import Document
from translate.environment import environment_problem, os_error_message, stops_the_run
from translate.errors import (
    EngineError,
    EnvironmentProblem,
    InputError,
    TranslateError,
    UnsupportedLanguagePair,
)
from translate.io.outputs import article_report, render_output
from translate.io.readers import read_bytes
from translate.io.report import article_page_path, render_article_report
from translate.io.writers import write_atomic
from translate.pipeline import resume
from translate.pipeline.discovery import Source
from translate.pipeline.naming import PlannedOutput
from translate.pipeline.outfolder import OutputFolder
from translate.pipeline.runner import Pipeline
from translate.qa import Severity, check_document

# Errors that concern one article (its text, its language, what the engine made of it):
# that article fails, the batch goes on. A missing model or a bad configuration stops it.
ARTICLE_ERRORS = (InputError, EngineError, UnsupportedLanguagePair, RuntimeError, ValueError)
# What became of an input for a target; "same-language": already in it, copied.
STATUSES = ("translated", "same-language", "flagged", "skipped", "failed")


@dataclass
class Outcome:
    """What became of one input for one target language."""

    input: str
    target: str  # "*" for an input that does not exist
    status: str  # translated | same-language | flagged | skipped | failed
    # One article of a multi-article file (JSON Lines), when only that article failed.
    article: str | None = None
    output: str | None = None
    error: str | None = None
    articles: int = 0
    segments: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    fingerprint: str | None = None
    signature: dict[str, object] | None = None
    # Said to the desk beside the status (the output was renamed: another input has its name;
    # an article already in the target language: copied).
    note: str | None = None


@dataclass
class BatchOptions:
    targets: list[str]
    source: str | None  # the articles' language (--from); None: identified per article
    out_dir: Path
    output_format: str = "same"
    force: bool = False
    jobs: int = 1
    flag_level: Severity = Severity.ERROR
    format_options: dict[str, str] = field(default_factory=dict)
    write_manifest: bool = True


@dataclass
class ChunkContext:
    """What every chunk of one batch shares, wherever it runs."""

    pipeline: Pipeline
    options: BatchOptions
    planned: Callable[[Source, str], PlannedOutput]  # the naming plan's output for (input, target)
    folder: OutputFolder | None = None  # claim each file in its journal before writing it
    record: Callable[[Outcome], None] | None = None  # told each outcome as it happens (progress)
    stop: threading.Event | None = None  # set: steps not begun are not begun
    settings: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.settings:
            self.settings = self.pipeline.settings(output_format=self.options.output_format,
                                                   reading=self.options.format_options)

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()


def translate_chunk(context: ChunkContext, chunk: Sequence[Source]) -> list[Outcome]:
    """Translate ``chunk`` into every target; write the outputs and their reports; the outcomes."""
    return _ChunkRun(context).run(chunk)


def write_files(files: list[tuple[Path, str]], folder: OutputFolder | None) -> None:
    """Write ``files`` in order, each atomically, claimed as ours first (when ``folder``). An OS
    error of the whole disk becomes an :class:`EnvironmentProblem` (the batch stops); others are raised."""
    try:
        if folder:
            folder.claim(path for path, _ in files)
        for path, text in files:
            write_atomic(path, text)
    except OSError as error:
        if stops_the_run(error):
            raise environment_problem(error) from None
        raise


def _same_language_note(document: Document, target: str) -> str:
    told = document.metadata.get("language")
    how = "as --from says" if isinstance(told, dict) and told.get("method") == "given" else "identified from its text"
    return f"already in {target} ({how}): copied, not translated"


def count_findings(findings) -> dict[str, int]:
    return dict(Counter(finding.severity.value for finding in findings))


Prepared = tuple[Source, bytes, list[Document], list[str]]


class _ChunkRun:
    """One chunk's run: its outcomes, in the order they happen."""

    def __init__(self, context: ChunkContext):
        self.context = context
        self.pipeline = context.pipeline
        self.options = context.options
        self.outcomes: list[Outcome] = []

    def run(self, chunk: Sequence[Source]) -> list[Outcome]:
        if self.context.stopped():
            return self.outcomes
        prepared = [item for item in map(self._prepare, chunk) if item is not None]
        for target in self.options.targets:
            work = [(source, data, documents) for source, data, documents, targets in prepared if target in targets]
            if not work or self.context.stopped():
                continue
            try:
                self._translate_and_write(work, target)
            except ARTICLE_ERRORS as error:
                if len(work) == 1:
                    self._fail(work[0][0], target, error)
                    continue
                # Find the article that broke the chunk: the others still get translated.
                for item in work:
                    try:
                        self._translate_and_write([item], target)
                    except ARTICLE_ERRORS as single_error:
                        self._fail(item[0], target, single_error)
        return self.outcomes

    def _prepare(self, source: Source) -> Prepared | None:
        """Read and segment one input; record skips and failures; None when nothing is left to do."""
        try:
            data = read_bytes(source.path)
        except InputError as error:
            for target in self.options.targets:
                self._fail(source, target, error)
            return None
        todo = []
        for target in self.options.targets:
            planned = self.context.planned(source, target)
            if planned.path is None:
                self._fail(source, target, InputError(planned.problem or f"{source.path}: no output path"))
                continue
            skipped = None if self.options.force else self._up_to_date(source, data, target, planned)
            if skipped:
                self._record(skipped)
            else:
                todo.append(target)
        if not todo:
            return None
        try:
            documents, errors = self.pipeline.prepare_bytes(data, source.path, self.options.source,
                                                             self.options.format_options)
        except InputError as error:
            for target in todo:
                self._fail(source, target, error)
            return None
        # Articles of a JSON Lines file that could not be read: reported, the others go on.
        for article, message in errors:
            for target in todo:
                self._record(Outcome(str(source.path), target, "failed", article=article, error=message))
        if not documents:
            if not errors:
                for target in todo:
                    self._fail(source, target, InputError(f"{source.path}: no text to translate"))
            return None
        return source, data, documents, todo

    def _up_to_date(self, source: Source, data: bytes, target: str, planned: PlannedOutput) -> Outcome | None:
        output = planned.path
        report = resume.previous_report(output) if output is not None else None
        if output is None or not output.exists() or not report or not isinstance(report.get("engines"), dict):
            return None
        engines: dict[str, object] = report["engines"]  # type: ignore[assignment]
        if resume.STAND_IN in resume.engine_names(engines) and self.pipeline.engine != resume.STAND_IN:
            return None  # a stand-in (--fallback pseudo): redone until the real engine makes it
        try:  # the engines that would make it now, checkpoint fingerprints included
            now = {language: self.pipeline.translator(language, target).signature() for language in engines}
        except TranslateError:
            return None  # translating will say what is wrong
        expected = resume.fingerprint(data, target, self.context.settings, now)
        if report.get("fingerprint") != expected:
            return None
        return Outcome(
            str(source.path), target, "skipped", output=str(output), fingerprint=expected,
            signature=report.get("signature"),  # type: ignore[arg-type]
            findings=report.get("finding_counts", {}),  # type: ignore[arg-type]
            segments=len(report.get("segments", [])),  # type: ignore[arg-type]
            note=planned.note,
        )

    def _translate_and_write(self, work: list[tuple[Source, bytes, list[Document]]], target: str) -> None:
        documents = [document for _, _, file_documents in work for document in file_documents]
        translated = iter(self.pipeline.translate_documents(documents, target))
        for source, data, file_documents in work:
            results = [next(translated) for _ in file_documents]
            planned = self.context.planned(source, target)
            output = planned.path
            assert output is not None  # _prepare failed the others
            signature = results[0][1]
            text = render_output([doc for doc, _ in results], source.path.suffix, self.options.output_format,
                                 target, signature, self.pipeline.reading_options(self.options.format_options))
            # QA runs once per document; its findings feed both the report and the outcome.
            per_document = [check_document(doc, target) for doc, _ in results]
            findings = [finding for document_findings in per_document for finding in document_findings]
            report = self._report(data, target, output, results, per_document, findings)
            # The output first, then its report: a report never vouches for an unwritten output.
            # The JSON report (whose fingerprint marks the output done) comes last, after the page.
            try:
                write_files([(output, text), (article_page_path(output), render_article_report(report)),
                             (resume.report_path(output), json.dumps(report, ensure_ascii=False, indent=2) + "\n")],
                            self.context.folder)
            except OSError as error:  # this path alone (a full or read-only disk stops the batch)
                self._fail(source, target, EnvironmentProblem(os_error_message(error)))
                continue
            flagged = any(finding.severity.rank >= self.options.flag_level.rank for finding in findings)
            status, note = "flagged" if flagged else "translated", None
            if all(doc.language == target and not sig.get("engines") for doc, sig in results):
                status, note = "same-language", _same_language_note(results[0][0], target)
            self._record(
                Outcome(
                    str(source.path), target, status, output=str(output),
                    articles=len(file_documents), segments=len(report["segments"]),  # type: ignore[arg-type]
                    findings=count_findings(findings), fingerprint=str(report["fingerprint"]), signature=signature,
                    note="; ".join(filter(None, (planned.note, note))) or None,
                )
            )

    def _report(self, data: bytes, target: str, output: Path, results, per_document, findings) -> dict[str, object]:
        """The JSON report of one output file (all its articles), with the fingerprint that marks it done."""
        reports = [article_report(doc, target, sig, output, document_findings)
                   for (doc, sig), document_findings in zip(results, per_document)]
        engines: dict[str, object] = {}
        for _, document_signature in results:
            engines.update(document_signature.get("engines", {}))
        return {
            **reports[0],
            "articles": [r["source"] for r in reports],
            # Each segment says its article: block numbers start again in each.
            "segments": [{**s, "article": n} for n, r in enumerate(reports) for s in r["segments"]],  # type: ignore[union-attr]
            "not_translated": [s for r in reports for s in r["not_translated"]],  # type: ignore[union-attr]
            "findings": [f for r in reports for f in r["findings"]],  # type: ignore[union-attr]
            "engines": engines,  # what ran, for every article of the file: the fingerprint covers it
            "fingerprint": resume.fingerprint(data, target, self.context.settings, engines),
            "finding_counts": count_findings(findings),
        }

    def _fail(self, source: Source, target: str, error: BaseException) -> None:
        message = str(error) if isinstance(error, TranslateError) else f"{type(error).__name__}: {error}"
        self._record(Outcome(str(source.path), target, "failed", error=message.splitlines()[0] if message else "failed"))

    def _record(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        if self.context.record:
            self.context.record(outcome)
