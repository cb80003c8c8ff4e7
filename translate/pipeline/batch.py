"""Batch translation for the desk: a folder of articles into several languages, unattended.

Inputs are discovered (:mod:`translate.pipeline.discovery`), their outputs named and checked
(:mod:`translate.pipeline.naming`: one per input and language), then read and translated
in chunks (:mod:`translate.pipeline.chunk`) — segments of a chunk's articles go to the engine
together — and each output is written atomically with a report beside it. An output whose
source, settings and the engines that made it are unchanged since it was written (its report
holds a fingerprint of them all) is skipped, so rerunning an interrupted batch finishes the
rest; pseudo output is never final when a real engine was asked for. A manifest
(:mod:`translate.pipeline.manifest`) accounts for every input: one part per chunk, compacted
into ``manifest.json`` at the end. Bad input, or an output path that cannot be written, fails
that article alone, with a one-line error; the rest of the batch goes on. A disk that is full
or read-only stops it (:mod:`translate.environment`). One batch at a time writes to an output
folder, and it touches only files of its own (:mod:`translate.pipeline.outfolder`).

Threads (``-j``) and a Dask cluster (:mod:`translate.pipeline.cluster`) run the same chunks;
this class, on the driver, stays the only writer of the manifest and of the journal.
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
from dataclasses import asdict
from pathlib import Path

from translate import __version__
from translate.environment import environment_problem
from translate.errors import EnvironmentProblem
from translate.io.report import article_page_path, render_article_report, render_run_report
from translate.pipeline import resume
from translate.pipeline.chunk import (  # noqa: F401 - ARTICLE_ERRORS, STATUSES: callers import them here
    ARTICLE_ERRORS,
    STATUSES,
    BatchOptions,
    ChunkContext,
    Outcome,
    translate_chunk,
    write_files,
)
from translate.pipeline.discovery import DEFAULT_INCLUDE, Source, find_inputs
from translate.pipeline.manifest import Manifest
from translate.pipeline.naming import PlannedOutput, plan_outputs
from translate.pipeline.outfolder import MANIFEST, REPORT_SUFFIXES, OutputFolder
from translate.pipeline.runner import Pipeline

log = logging.getLogger(__name__)

RUN_REPORT = "report.html"
# A chunk's files are translated together: their sentences are sorted by length into
# full engine batches across articles. A chunk closes at CHUNK_BYTES of input (~250
# sentences of news, 8 batches of 32) or CHUNK_FILES files; each adds a manifest part.
CHUNK_BYTES = 32_000
CHUNK_FILES = 64
_NOT_AN_INPUT = "a translation written by translate (its report says so), not an input"


def discover(inputs: Sequence[Path], include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = (),
             out_dir: Path | None = None) -> tuple[list[Source], list[Outcome]]:
    """The files to translate, in a stable order, and an outcome for each input that cannot be
    read (missing, a dangling link, a FIFO…) or is a translation of ours."""
    found = find_inputs(inputs, include, exclude, out_dir)
    outcomes = [Outcome(path, "*", "failed", error=message) for path, message in found.problems]
    outcomes += [Outcome(str(path), "*", "skipped", note=_NOT_AN_INPUT) for path in found.ours]
    return found.sources, outcomes


def _file_size(source: Source) -> int:
    try:
        return source.path.stat().st_size
    except OSError:  # reading it fails that file alone, later
        return 0


def make_chunks(sources: Sequence, size_of: Callable[[object], int] = _file_size) -> list[list]:
    """``sources`` in order, cut at CHUNK_BYTES of input or CHUNK_FILES files."""
    chunks: list[list] = []
    size = 0
    for source in sources:
        if not chunks or size >= CHUNK_BYTES or len(chunks[-1]) >= CHUNK_FILES:
            chunks.append([])
            size = 0
        chunks[-1].append(source)
        size += size_of(source)
    return chunks


ProgressHook = Callable[[Outcome], None]


class Batch:
    def __init__(self, pipeline: Pipeline, options: BatchOptions, on_outcome: ProgressHook | None = None):
        self.pipeline = pipeline
        self.options = options
        self.on_outcome = on_outcome
        self.outcomes: list[Outcome] = []
        self._lock = threading.Lock()
        self.started = datetime.datetime.now(datetime.timezone.utc)
        # Only a batch's own output folder (it has a manifest) is locked and journalled,
        # never the folders beside a user's articles (`translate run`).
        self.folder = OutputFolder(options.out_dir) if options.write_manifest else None
        self.manifest = Manifest(options.out_dir)
        self._manifest_written = False
        self._planned: dict[tuple[Source, str], PlannedOutput] = {}
        self._stop = threading.Event()  # set on Ctrl-C or a full disk: chunks not started never start
        self.context = ChunkContext(pipeline, options, self.output, self.folder, self._record, self._stop)
        self.settings = self.context.settings

    # --- the run ---------------------------------------------------------------------

    def run(self, sources: Sequence[Source], failed_inputs: Sequence[Outcome] = ()) -> list[Outcome]:
        with self.locked():
            self.begin(sources, failed_inputs)
            try:
                self._run_chunks(make_chunks(sources))
            except (EnvironmentProblem, KeyboardInterrupt):
                self.interrupted()
                raise
            self.finish()
        return self.outcomes

    def locked(self) -> contextlib.AbstractContextManager:
        """The output folder held for this batch (a second batch there refuses)."""
        return self.folder.locked() if self.folder else contextlib.nullcontext()

    def begin(self, sources: Sequence[Source], failed_inputs: Sequence[Outcome] = ()) -> None:
        """Before the first chunk: clean up after an interrupted run, name every output; part 0:
        the inputs that cannot be read."""
        if self.folder:
            if self.folder.remove_stale_temporaries():
                log.info("removed temporary files an interrupted run left in %s", self.options.out_dir)
            self.manifest.discard_parts()  # an interrupted run's
        for outcome in failed_inputs:
            self._record(outcome)
        self.plan(sources)
        self.add_part(0, list(failed_inputs))

    def plan(self, sources: Sequence[Source]) -> None:
        """Name every output before anything is written: unique per input, each checked."""
        foreign = (lambda path: not self.folder.is_ours(path)) if self.folder else None
        relatives, paths = [source.relative for source in sources], [source.path for source in sources]
        for target in self.options.targets:
            plan = plan_outputs(relatives, paths, target, self.options.out_dir, self.options.output_format, foreign)
            self._planned.update(((source, target), planned) for source, planned in zip(sources, plan))

    def output(self, source: Source, target: str) -> PlannedOutput:
        """Where ``source`` goes in ``target`` (the plan; a chunk run on its own plans its sources alone)."""
        if (source, target) not in self._planned:
            self.plan([source])
        return self._planned[source, target]

    def claim(self, chunk: Sequence[Source]) -> None:
        """Record the outputs ``chunk`` may write as ours, before another process writes them."""
        if self.folder:
            paths = [planned.path for planned in (self.output(s, t) for s in chunk for t in self.options.targets)
                     if planned.path is not None]
            self.folder.claim(path.with_name(path.name + suffix) for path in paths for suffix in ("", *REPORT_SUFFIXES))

    def _run_chunks(self, chunks: list[list[Source]]) -> None:
        def run_chunk(number: int, chunk: list[Source]) -> None:
            outcomes = translate_chunk(self.context, chunk)
            if not self._stop.is_set():
                self.add_part(number, outcomes)

        if self.options.jobs > 1 and len(chunks) > 1:
            with ThreadPoolExecutor(max_workers=self.options.jobs) as pool:
                futures = [pool.submit(run_chunk, number, chunk) for number, chunk in enumerate(chunks, start=1)]
                try:
                    for future in as_completed(futures):
                        future.result()
                except BaseException:
                    self._stop.set()  # running chunks end after their step; queued ones never start
                    for future in futures:
                        future.cancel()
                    raise
        else:
            for number, chunk in enumerate(chunks, start=1):
                run_chunk(number, chunk)

    def add_chunk(self, number: int, outcomes: Sequence[Outcome]) -> None:
        """Account for chunk ``number`` translated elsewhere (a cluster's worker)."""
        for outcome in outcomes:
            self._record(outcome)
        self.add_part(number, outcomes)

    def interrupted(self) -> None:
        """Ctrl-C or a full disk: what was done is worth recording, if it can be."""
        self._stop.set()
        with contextlib.suppress(EnvironmentProblem):
            self.write_manifest(finished=False)

    def finish(self) -> dict[str, object] | None:
        """After the last chunk: the manifest whole, from its parts; the run report."""
        manifest = self.write_manifest(finished=True)
        if manifest is not None:
            self.manifest.discard_parts()
            self.write_run_report(manifest)
            if self.folder:
                self.folder.compact()
        return manifest

    def _record(self, outcome: Outcome) -> None:
        with self._lock:
            self.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)

    # --- the manifest ----------------------------------------------------------------

    def summary(self) -> dict[str, int]:
        counts = Counter(outcome.status for outcome in self.outcomes)
        return {status: counts.get(status, 0) for status in STATUSES}

    def add_part(self, number: int, outcomes: Sequence[Outcome]) -> None:
        """The outcomes of chunk ``number`` (0: inputs that cannot be read) into the manifest's parts;
        after the first chunk, ``manifest.json`` says the batch is under way."""
        if not self.options.write_manifest:
            return
        try:
            self.manifest.add_part(number, [asdict(outcome) for outcome in outcomes])
        except OSError as error:
            raise environment_problem(error) from None
        if number and not self._manifest_written:
            self.write_manifest(finished=False)

    def write_manifest(self, *, finished: bool) -> dict[str, object] | None:
        """``manifest.json``: finished, every outcome from the parts; else the outcomes known so far."""
        if not self.options.write_manifest:
            return None
        with self._lock:
            so_far = None if finished else [asdict(outcome) for outcome in self.outcomes]
        header = {
            "translate": __version__,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds") if finished else None,
            "targets": self.options.targets,
            "source": self.options.source or "identified per article",
            "output_format": self.options.output_format,
            "settings": self.settings,
            "summary": self.summary(),
        }
        try:
            manifest = self.manifest.build(header, so_far)
        except (OSError, ValueError) as error:  # a part that cannot be read back
            raise EnvironmentProblem(f"{self.manifest.parts}: {error}; rerun the batch to finish") from None
        self._write_own(self.options.out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        self._manifest_written = True
        return manifest

    def _write_own(self, path: Path, text: str) -> None:
        """A file of the batch itself (manifest, run report): any OS error stops the batch."""
        try:
            write_files([(path, text)], self.folder)
        except OSError as error:
            raise environment_problem(error) from None

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
                    write_files([(article_page_path(output), render_article_report(report))], self.folder)
        self._write_own(self.options.out_dir / RUN_REPORT,
                        render_run_report(manifest, reports, base=self.options.out_dir))
