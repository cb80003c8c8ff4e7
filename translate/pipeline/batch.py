"""Batch translation for the desk: a folder of articles into several languages, unattended.

Inputs are discovered (recursively, with include/exclude patterns), read and translated
in chunks — segments of a chunk's articles go to the engine together — and each output
is written atomically with a report beside it. An output whose source and settings are
unchanged since it was written (its report holds a fingerprint of both) is skipped, so
rerunning an interrupted batch finishes the rest. A manifest (:mod:`translate.pipeline.manifest`)
accounts for every input. Bad input fails that article alone, with a one-line error; the
rest of the batch goes on. Threads (``-j``) and a Dask cluster (:mod:`translate.pipeline.cluster`)
run the same chunks, each through :meth:`Batch.translate_chunk`.
"""

from __future__ import annotations

import datetime
import fnmatch
import hashlib
import json
import logging
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from translate import __version__
from translate.document import Document
from translate.errors import (
    EngineError,
    InputError,
    TranslateError,
    UnsupportedLanguagePair,
)
from translate.io.outputs import article_report, output_name, render_output
from translate.io.readers import read_bytes
from translate.io.report import (
    article_page_path,
    render_article_report,
    render_run_report,
)
from translate.io.writers import remove_stale_temporaries, write_atomic
from translate.pipeline.manifest import MANIFEST, Manifest  # noqa: F401 - MANIFEST: callers import it here
from translate.pipeline.runner import Pipeline
from translate.qa import Severity, check_document

log = logging.getLogger(__name__)

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")
RUN_REPORT = "report.html"
# A chunk's files are translated together: their sentences are sorted by length into
# full engine batches across articles. A chunk closes at CHUNK_BYTES of input (~250
# sentences of news, 8 batches of 32) or CHUNK_FILES files; the manifest is written after each.
CHUNK_BYTES = 32_000
CHUNK_FILES = 64
# Errors that concern one article (its text, its language, what the engine made of it):
# that article fails, the batch goes on. A missing model or a bad configuration stops it.
ARTICLE_ERRORS = (InputError, EngineError, UnsupportedLanguagePair, RuntimeError, ValueError)


@dataclass(frozen=True)
class Source:
    """An input file and where its outputs go, relative to the output directory."""

    path: Path
    relative: Path


@dataclass
class Outcome:
    """What became of one input for one target language."""

    input: str
    target: str  # "*" for an input that does not exist
    status: str  # translated | flagged | skipped | failed
    # One article of a multi-article file (JSON Lines), when only that article failed.
    article: str | None = None
    output: str | None = None
    error: str | None = None
    articles: int = 0
    segments: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    fingerprint: str | None = None
    signature: dict[str, object] | None = None


def wanted(relative: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a file at ``relative`` (under an input folder) is an input: included, not excluded."""
    text = relative.as_posix()
    if not any(fnmatch.fnmatch(relative.name, p) or fnmatch.fnmatch(text, p) for p in include):
        return False
    return not any(fnmatch.fnmatch(relative.name, p) or fnmatch.fnmatch(text, p) for p in exclude)


def discover(inputs: Sequence[Path], include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = (),
             out_dir: Path | None = None) -> tuple[list[Source], list[Outcome]]:
    """The files to translate, in a stable order, and an outcome for each input that is missing."""
    sources: list[Source] = []
    missing: list[Outcome] = []
    out_resolved = out_dir.resolve() if out_dir else None

    for given in inputs:
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                relative = path.relative_to(given)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if out_resolved and path.resolve().is_relative_to(out_resolved):
                    continue  # our own outputs, when OUT lies inside the input folder
                if wanted(relative, include, exclude):
                    sources.append(Source(path, relative))
        elif given.is_file():
            sources.append(Source(given, Path(given.name)))
        else:
            missing.append(Outcome(str(given), "*", "failed", error=f"{given}: no such file or directory"))
    return sources, missing


def safe_output_path(out_dir: Path, relative: Path, name: str) -> Path:
    """``out_dir/relative-folder/name``, refusing anything that would land outside ``out_dir``."""
    candidate = (out_dir / relative.parent / name).resolve()
    if not candidate.is_relative_to(out_dir.resolve()):
        raise InputError(f"{relative}: its output would land outside {out_dir}; rename the input")
    return candidate


def fingerprint(data: bytes, target: str, settings: dict[str, object]) -> str:
    digest = hashlib.sha256(data)
    digest.update(json.dumps({"target": target, **settings}, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _file_size(source: Source) -> int:
    try:
        return source.path.stat().st_size
    except OSError:  # reading it fails that file alone, later
        return 0


def make_chunks(sources: Sequence[Source], size_of: Callable[[Source], int] = _file_size) -> list[list[Source]]:
    """``sources`` in order, cut at CHUNK_BYTES of input or CHUNK_FILES files."""
    chunks: list[list[Source]] = []
    size = 0
    for source in sources:
        length = size_of(source)
        if not chunks or size >= CHUNK_BYTES or len(chunks[-1]) >= CHUNK_FILES:
            chunks.append([])
            size = 0
        chunks[-1].append(source)
        size += length
    return chunks


def _report_path(output: Path) -> Path:
    return output.with_name(output.name + ".report.json")


def _previous_report(output: Path) -> dict[str, object] | None:
    try:
        return json.loads(_report_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _count_findings(findings) -> dict[str, int]:
    return dict(Counter(finding.severity.value for finding in findings))


@dataclass
class BatchOptions:
    targets: list[str]
    source: str
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
        self._local = threading.local()  # the outcomes of the chunk a thread is translating
        self.started = datetime.datetime.now(datetime.timezone.utc)
        self.settings = pipeline.settings(output_format=options.output_format)
        self.manifest = Manifest(options.out_dir)

    # --- the run ---------------------------------------------------------------------

    def run(self, sources: Sequence[Source], failed_inputs: Sequence[Outcome] = ()) -> list[Outcome]:
        self.begin(failed_inputs)
        chunks = list(enumerate(make_chunks(sources), start=1))

        def run_chunk(numbered: tuple[int, list[Source]]) -> None:
            number, chunk = numbered
            self.write_manifest_part(number, self.translate_chunk(chunk))

        if self.options.jobs > 1 and len(chunks) > 1:
            with ThreadPoolExecutor(max_workers=self.options.jobs) as pool:
                list(pool.map(run_chunk, chunks))
        else:
            for numbered in chunks:
                run_chunk(numbered)
        return self.finish()

    def begin(self, failed_inputs: Sequence[Outcome] = ()) -> None:
        """Before the first chunk: clean up after an interrupted run; part 0: inputs that do not exist."""
        if self.options.write_manifest and self.options.out_dir.is_dir():
            # Only in a batch's own output folder (it has a manifest), never beside a user's articles.
            if remove_stale_temporaries(self.options.out_dir):
                log.info("removed temporary files an interrupted run left in %s", self.options.out_dir)
            self.manifest.discard_parts()  # an interrupted run's
        for outcome in failed_inputs:
            self._record(outcome)
        self.write_manifest(finished=False)
        self.write_manifest_part(0, list(failed_inputs))

    def finish(self) -> list[Outcome]:
        """After the last chunk: the whole manifest from its parts, the run report; every outcome."""
        manifest = self.write_manifest(finished=True)
        if manifest is not None:
            self.manifest.discard_parts()
            self.write_run_report(manifest)
        return self.outcomes

    def add_chunk(self, number: int, outcomes: Sequence[Outcome]) -> None:
        """Account for a chunk translated elsewhere (a cluster's worker): its outcomes, its manifest part."""
        for outcome in outcomes:
            self._record(outcome)
        self.write_manifest_part(number, outcomes)

    def translate_chunk(self, chunk: Sequence[Source]) -> list[Outcome]:
        """Translate one chunk's files into every target (their segments go to the engine together);
        write the outputs and their reports; return the chunk's outcomes (also recorded)."""
        self._local.sink = outcomes = []
        try:
            self._translate_chunk(chunk)
        finally:
            del self._local.sink
        return outcomes

    def _translate_chunk(self, chunk: Sequence[Source]) -> None:
        prepared: list[tuple[Source, bytes, list[Document], list[str]]] = []
        for source in chunk:
            item = self._prepare(source)
            if item is not None:
                prepared.append(item)
        for target in self.options.targets:
            work = [(source, data, documents) for source, data, documents, targets in prepared if target in targets]
            if not work:
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
            skipped = None if self.options.force else self._up_to_date(source, data, target)
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

    def _up_to_date(self, source: Source, data: bytes, target: str) -> Outcome | None:
        output = self._output_path(source, target)
        report = _previous_report(output)
        if not output.exists() or not report or report.get("fingerprint") != fingerprint(data, target, self.settings):
            return None
        return Outcome(
            str(source.path), target, "skipped", output=str(output),
            fingerprint=str(report["fingerprint"]), signature=report.get("signature"),  # type: ignore[arg-type]
            findings=report.get("finding_counts", {}),  # type: ignore[arg-type]
            segments=len(report.get("segments", [])),  # type: ignore[arg-type]
        )

    def _output_path(self, source: Source, target: str) -> Path:
        return safe_output_path(self.options.out_dir, source.relative,
                                output_name(source.relative, target, self.options.output_format))

    def _translate_and_write(self, work: list[tuple[Source, bytes, list[Document]]], target: str) -> None:
        documents = [document for _, _, file_documents in work for document in file_documents]
        translated = iter(self.pipeline.translate_documents(documents, target))
        for source, data, file_documents in work:
            results = [next(translated) for _ in file_documents]
            output = self._output_path(source, target)
            signature = results[0][1]
            text = render_output([doc for doc, _ in results], source.path.suffix, self.options.output_format,
                                 target, signature, self.options.format_options)
            # QA runs once per document; its findings feed both the report and the outcome.
            per_document = [check_document(doc, target) for doc, _ in results]
            findings = [finding for document_findings in per_document for finding in document_findings]
            reports = [article_report(doc, target, sig, output, document_findings)
                       for (doc, sig), document_findings in zip(results, per_document)]
            report = {
                **reports[0],
                "articles": [r["source"] for r in reports],
                # Each segment says its article: block numbers start again in each.
                "segments": [{**s, "article": n} for n, r in enumerate(reports) for s in r["segments"]],  # type: ignore[union-attr]
                "not_translated": [s for r in reports for s in r["not_translated"]],  # type: ignore[union-attr]
                "findings": [f for r in reports for f in r["findings"]],  # type: ignore[union-attr]
                "fingerprint": fingerprint(data, target, self.settings),
                "finding_counts": _count_findings(findings),
            }
            # The output first, then its report: a report never vouches for an unwritten output.
            # The JSON report (whose fingerprint marks the output done) comes last, after the page.
            write_atomic(output, text)
            write_atomic(article_page_path(output), render_article_report(report))
            write_atomic(_report_path(output), json.dumps(report, ensure_ascii=False, indent=2) + "\n")
            flagged = any(finding.severity.rank >= self.options.flag_level.rank for finding in findings)
            self._record(
                Outcome(
                    str(source.path), target, "flagged" if flagged else "translated", output=str(output),
                    articles=len(file_documents), segments=len(report["segments"]),
                    findings=_count_findings(findings), fingerprint=str(report["fingerprint"]), signature=signature,
                )
            )

    def _fail(self, source: Source, target: str, error: BaseException) -> None:
        message = str(error) if isinstance(error, TranslateError) else f"{type(error).__name__}: {error}"
        self._record(Outcome(str(source.path), target, "failed", error=message.splitlines()[0] if message else "failed"))

    def _record(self, outcome: Outcome) -> None:
        with self._lock:
            self.outcomes.append(outcome)
        sink = getattr(self._local, "sink", None)
        if sink is not None:
            sink.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)

    # --- the manifest ----------------------------------------------------------------

    def summary(self) -> dict[str, int]:
        counts = Counter(outcome.status for outcome in self.outcomes)
        return {status: counts.get(status, 0) for status in ("translated", "flagged", "skipped", "failed")}

    def write_manifest_part(self, number: int, outcomes: Sequence[Outcome]) -> None:
        """The outcomes of chunk ``number`` (0: inputs that do not exist) into the manifest's parts."""
        if self.options.write_manifest:
            self.manifest.add_part(number, [asdict(outcome) for outcome in outcomes])

    def write_manifest(self, *, finished: bool) -> dict[str, object] | None:
        if not self.options.write_manifest:
            return None
        header = {
            "translate": __version__,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds") if finished else None,
            "targets": self.options.targets,
            "source": self.options.source,
            "output_format": self.options.output_format,
            "settings": self.settings,
            "summary": self.summary(),
        }
        return self.manifest.write(header, finished=finished)

    def write_run_report(self, manifest: dict[str, object]) -> None:
        """``OUT/report.html``: every outcome, linked to its article page (skipped outputs' too,
        from their reports on disk; a page missing beside one is written now)."""
        reports = []
        for outcome in manifest["outcomes"]:  # type: ignore[attr-defined]
            output = outcome.get("output")
            report = _previous_report(Path(output)) if output else None
            if report is None:
                continue
            reports.append(report)
            if not article_page_path(output).exists():
                write_atomic(article_page_path(output), render_article_report(report))
        write_atomic(self.options.out_dir / RUN_REPORT,
                     render_run_report(manifest, reports, base=self.options.out_dir))
