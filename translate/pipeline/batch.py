"""Batch translation for the desk: a folder of articles into several languages, unattended.

Inputs are discovered (:mod:`translate.pipeline.discovery`), their outputs named and checked
(:mod:`translate.pipeline.naming`: one per input and language), then read and translated
in chunks — segments of a chunk's articles go to the engine together — and each output
is written atomically with a report beside it. An output whose source, settings and the
engines that made it are unchanged since it was written (its report holds a fingerprint of
them all) is skipped, so rerunning an interrupted batch finishes the rest; pseudo output is
never final when a real engine was asked for. A manifest (``manifest.json``) accounts for
every input after every chunk. Bad input, or an output path that cannot be written, fails
that article alone, with a one-line error; the rest of the batch goes on. A disk that is full
or read-only stops it (:mod:`translate.environment`). One batch at a time writes to an output
folder, and it touches only files of its own (:mod:`translate.pipeline.outfolder`).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from translate import __version__
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
from translate.io.report import (
    article_page_path,
    render_article_report,
    render_run_report,
)
from translate.io.writers import write_atomic
from translate.pipeline import resume
from translate.pipeline.discovery import DEFAULT_INCLUDE, Source, find_inputs
from translate.pipeline.naming import PlannedOutput, plan_outputs
from translate.pipeline.outfolder import MANIFEST, OutputFolder
from translate.pipeline.runner import Pipeline
from translate.qa import Severity, check_document

log = logging.getLogger(__name__)

RUN_REPORT = "report.html"
# A chunk's files are translated together: their sentences are sorted by length into
# full engine batches across articles. A chunk closes at CHUNK_BYTES of input (~250
# sentences of news, 8 batches of 32) or CHUNK_FILES files; the manifest is written after each.
CHUNK_BYTES = 32_000
CHUNK_FILES = 64
# Errors that concern one article (its text, its language, what the engine made of it):
# that article fails, the batch goes on. A missing model or a bad configuration stops it.
ARTICLE_ERRORS = (InputError, EngineError, UnsupportedLanguagePair, RuntimeError, ValueError)
_NOT_AN_INPUT = "a translation written by translate (its report says so), not an input"
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


def discover(inputs: Sequence[Path], include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = (),
             out_dir: Path | None = None) -> tuple[list[Source], list[Outcome]]:
    """The files to translate, in a stable order, and an outcome for each input that cannot be
    read (missing, a dangling link, a FIFO…) or is a translation of ours."""
    found = find_inputs(inputs, include, exclude, out_dir)
    outcomes = [Outcome(path, "*", "failed", error=message) for path, message in found.problems]
    outcomes += [Outcome(str(path), "*", "skipped", note=_NOT_AN_INPUT) for path in found.ours]
    return found.sources, outcomes


def _chunks(sources: Sequence[Source]) -> list[list[Source]]:
    """``sources`` in order, cut at CHUNK_BYTES of input or CHUNK_FILES files."""
    chunks: list[list[Source]] = []
    size = 0
    for source in sources:
        try:
            length = source.path.stat().st_size
        except OSError:  # reading it fails that file alone, later
            length = 0
        if not chunks or size >= CHUNK_BYTES or len(chunks[-1]) >= CHUNK_FILES:
            chunks.append([])
            size = 0
        chunks[-1].append(source)
        size += length
    return chunks


def _same_language_note(document: Document, target: str) -> str:
    told = document.metadata.get("language")
    how = "as --from says" if isinstance(told, dict) and told.get("method") == "given" else "identified from its text"
    return f"already in {target} ({how}): copied, not translated"


def _count_findings(findings) -> dict[str, int]:
    return dict(Counter(finding.severity.value for finding in findings))


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


ProgressHook = Callable[[Outcome], None]


class Batch:
    def __init__(self, pipeline: Pipeline, options: BatchOptions, on_outcome: ProgressHook | None = None):
        self.pipeline = pipeline
        self.options = options
        self.on_outcome = on_outcome
        self.outcomes: list[Outcome] = []
        self._lock = threading.Lock()
        self.started = datetime.datetime.now(datetime.timezone.utc)
        self.settings = pipeline.settings(output_format=options.output_format, reading=options.format_options)
        # Only a batch's own output folder (it has a manifest) is locked and journalled,
        # never the folders beside a user's articles (`translate run`).
        self.folder = OutputFolder(options.out_dir) if options.write_manifest else None
        self._planned: dict[tuple[Source, str], PlannedOutput] = {}
        self._stop = threading.Event()  # set on Ctrl-C or a full disk: chunks not started never start

    # --- the run ---------------------------------------------------------------------

    def run(self, sources: Sequence[Source], failed_inputs: Sequence[Outcome] = ()) -> list[Outcome]:
        with self.folder.locked() if self.folder else contextlib.nullcontext():
            if self.folder and self.folder.remove_stale_temporaries():
                log.info("removed temporary files an interrupted run left in %s", self.options.out_dir)
            for outcome in failed_inputs:
                self._record(outcome)
            self.plan(sources)
            try:
                self._run_chunks(_chunks(sources))
            except (EnvironmentProblem, KeyboardInterrupt):
                with contextlib.suppress(EnvironmentProblem):  # what was done is worth recording, if it can be
                    self.write_manifest(finished=False)
                raise
            manifest = self.write_manifest(finished=True)
            if manifest is not None:
                self.write_run_report(manifest)
                if self.folder:
                    self.folder.compact()
        return self.outcomes

    def plan(self, sources: Sequence[Source]) -> None:
        """Name every output before anything is written: unique per input, each checked."""
        foreign = (lambda path: not self.folder.is_ours(path)) if self.folder else None
        relatives, paths = [source.relative for source in sources], [source.path for source in sources]
        for target in self.options.targets:
            plan = plan_outputs(relatives, paths, target, self.options.out_dir, self.options.output_format, foreign)
            self._planned.update(((source, target), planned) for source, planned in zip(sources, plan))

    def _run_chunks(self, chunks: list[list[Source]]) -> None:
        if self.options.jobs > 1 and len(chunks) > 1:
            with ThreadPoolExecutor(max_workers=self.options.jobs) as pool:
                futures = [pool.submit(self._run_chunk, chunk) for chunk in chunks]
                try:
                    for future in as_completed(futures):
                        future.result()
                except BaseException:
                    self._stop.set()  # running chunks end after their step; queued ones never start
                    for future in futures:
                        future.cancel()
                    raise
        else:
            for chunk in chunks:
                self._run_chunk(chunk)

    def _run_chunk(self, chunk: list[Source]) -> None:
        if self._stop.is_set():
            return
        prepared: list[tuple[Source, bytes, list[Document], list[str]]] = []
        for source in chunk:
            item = self._prepare(source)
            if item is not None:
                prepared.append(item)
        for target in self.options.targets:
            work = [(source, data, documents) for source, data, documents, targets in prepared if target in targets]
            if not work or self._stop.is_set():
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
        if not self._stop.is_set():
            self.write_manifest(finished=False)

    def _prepare(self, source: Source) -> tuple[Source, bytes, list[Document], list[str]] | None:
        """Read and segment one input; record skips and failures; None when nothing is left to do."""
        try:
            data = read_bytes(source.path)
        except InputError as error:
            for target in self.options.targets:
                self._fail(source, target, error)
            return None
        todo = []
        for target in self.options.targets:
            planned = self._output(source, target)
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
        if errors:
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

    def _output(self, source: Source, target: str) -> PlannedOutput:
        if (source, target) not in self._planned:  # a chunk run on its own: plan its sources alone
            self.plan([source])
        return self._planned[source, target]

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
        expected = resume.fingerprint(data, target, self.settings, now)
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
            planned = self._output(source, target)
            output = planned.path
            assert output is not None  # _prepare failed the others
            signature = results[0][1]
            text = render_output([doc for doc, _ in results], source.path.suffix, self.options.output_format,
                                 target, signature, self.pipeline.reading_options(self.options.format_options))
            # QA runs once per document; its findings feed both the report and the outcome.
            per_document = [check_document(doc, target) for doc, _ in results]
            findings = [finding for document_findings in per_document for finding in document_findings]
            reports = [article_report(doc, target, sig, output, document_findings)
                       for (doc, sig), document_findings in zip(results, per_document)]
            engines: dict[str, object] = {}
            for _, document_signature in results:
                engines.update(document_signature.get("engines", {}))  # type: ignore[arg-type]
            report = {
                **reports[0],
                "articles": [r["source"] for r in reports],
                # Each segment says its article: block numbers start again in each.
                "segments": [{**s, "article": n} for n, r in enumerate(reports) for s in r["segments"]],  # type: ignore[union-attr]
                "not_translated": [s for r in reports for s in r["not_translated"]],  # type: ignore[union-attr]
                "findings": [f for r in reports for f in r["findings"]],  # type: ignore[union-attr]
                "engines": engines,  # what ran, for every article of the file: the fingerprint covers it
                "fingerprint": resume.fingerprint(data, target, self.settings, engines),
                "finding_counts": _count_findings(findings),
            }
            # The output first, then its report: a report never vouches for an unwritten output.
            # The JSON report (whose fingerprint marks the output done) comes last, after the page.
            try:
                self._write([(output, text), (article_page_path(output), render_article_report(report)),
                             (resume.report_path(output), json.dumps(report, ensure_ascii=False, indent=2) + "\n")])
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
                    articles=len(file_documents), segments=len(report["segments"]),
                    findings=_count_findings(findings), fingerprint=str(report["fingerprint"]), signature=signature,
                    note="; ".join(filter(None, (planned.note, note))) or None,
                )
            )

    def _write(self, files: list[tuple[Path, str]]) -> None:
        """Write ``files`` in order, each atomically, claimed as ours first. An OS error of the
        whole disk becomes an :class:`EnvironmentProblem` (the batch stops); others are raised."""
        try:
            if self.folder:
                self.folder.claim(path for path, _ in files)
            for path, text in files:
                write_atomic(path, text)
        except OSError as error:
            if stops_the_run(error) or not files or files[0][0].name in (MANIFEST, RUN_REPORT):
                raise environment_problem(error) from None
            raise

    def _fail(self, source: Source, target: str, error: BaseException) -> None:
        message = str(error) if isinstance(error, TranslateError) else f"{type(error).__name__}: {error}"
        self._record(Outcome(str(source.path), target, "failed", error=message.splitlines()[0] if message else "failed"))

    def _record(self, outcome: Outcome) -> None:
        with self._lock:
            self.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)

    # --- the manifest ----------------------------------------------------------------

    def summary(self) -> dict[str, int]:
        counts = Counter(outcome.status for outcome in self.outcomes)
        return {status: counts.get(status, 0) for status in STATUSES}

    def write_manifest(self, *, finished: bool) -> dict[str, object] | None:
        if not self.options.write_manifest:
            return None
        with self._lock:
            outcomes = [asdict(outcome) for outcome in self.outcomes]
        manifest = {
            "translate": __version__,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds") if finished else None,
            "targets": self.options.targets,
            "source": self.options.source or "identified per article",
            "output_format": self.options.output_format,
            "settings": self.settings,
            "summary": self.summary(),
            "outcomes": outcomes,
        }
        self._write([(self.options.out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")])
        return manifest

    def write_run_report(self, manifest: dict[str, object]) -> None:
        """``OUT/report.html``: every outcome, linked to its article page (skipped outputs' too,
        from their reports on disk; a page missing beside one is written now)."""
        reports = []
        for outcome in manifest["outcomes"]:  # type: ignore[attr-defined]
            output = outcome.get("output")
            report = resume.previous_report(Path(output)) if output else None
            if report is None:
                continue
            reports.append(report)
            if not article_page_path(output).exists():
                with contextlib.suppress(OSError):  # a page beside one output: not worth failing the run
                    self._write([(article_page_path(output), render_article_report(report))])
        self._write([(self.options.out_dir / RUN_REPORT,
                      render_run_report(manifest, reports, base=self.options.out_dir))])
