"""What runs on a Dask worker: the pipeline loaded once per worker, chunks of a batch translated.

Imported on the workers, and by :mod:`translate.pipeline.cluster` on the driver only when a
batch runs with ``--cluster`` (it imports Dask at the top: nothing else imports it).

- :class:`PipelinePlugin` (a Dask worker plugin) builds the pipeline when the worker joins:
  the driver's configuration, glossary and UI catalogs (so a worker host needs none of the
  driver's files), the engine with as many threads as the worker has cores, and a private
  copy of the driver's translation memory. Models load on first use and stay loaded.
- :func:`translate_chunk` translates one chunk with :func:`translate.pipeline.chunk.translate_chunk`,
  as a one-machine batch does, with the output names the driver planned, and returns its outcomes and the memory entries it made; the
  driver records the first and merges the second into the central memory.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from distributed import WorkerPlugin, get_worker

from translate.config import Config
from translate.glossary import Glossary
from translate.io.catalogs import UiCatalogs
from translate.memory import TranslationMemory
from translate.pipeline.chunk import BatchOptions, ChunkContext, Outcome, translate_chunk as run_chunk
from translate.pipeline.discovery import Source
from translate.pipeline.naming import PlannedOutput
from translate.pipeline.runner import Pipeline
from translate.pipeline.staging import StagedChunk

log = logging.getLogger(__name__)

PLUGIN_NAME = "translate-pipeline"
# A memory entry made on a worker: (source, target, translator signature), [(segment, translation), …].
MemoryEntries = list[tuple[tuple[str, str, dict[str, object]], list[tuple[str, str]]]]


@dataclass(frozen=True)
class PipelineRecipe:
    """Everything a worker needs to build the driver's pipeline (pickled once per worker)."""

    config: Config
    engine: str
    model: str | None
    fallback: str | None
    chrome: str
    glossary: Glossary | None
    ui_catalogs: UiCatalogs
    site: str | None  # --site or the configuration's
    memory_snapshot: bytes | None  # the central memory's file, or None: no memory
    threads_by_host: dict[str, int]  # engine threads: the host's cores shared by its workers


@dataclass(frozen=True)
class ChunkWork:
    """One chunk of inputs on a disk the worker shares, and where the driver's naming plan puts
    their outputs (the driver has claimed them in the output folder's journal)."""

    sources: tuple[Source, ...]
    planned: dict[tuple[Source, str], PlannedOutput]


@dataclass
class ChunkResult:
    number: int
    outcomes: list[Outcome]
    memory_entries: MemoryEntries
    hits: int  # segments the memory answered in this chunk
    misses: int  # segments sent to the engine


class RecordingMemory(TranslationMemory):
    """A worker's copy of the memory that keeps what it stores until the driver takes it."""

    def __init__(self, path: Path):
        super().__init__(path)
        self._contexts: dict[int, tuple[str, str, dict[str, object]]] = {}
        self._new: MemoryEntries = []
        self._taking = threading.Lock()

    def context(self, source: str, target: str, signature: dict[str, object]) -> int:
        number = super().context(source, target, signature)
        self._contexts[number] = (source, target, signature)
        return number

    def store(self, context: int, pairs: Sequence[tuple[str, str]]) -> None:
        super().store(context, pairs)
        if pairs:
            with self._taking:
                self._new.append((self._contexts[context], list(pairs)))

    def take_new(self) -> MemoryEntries:
        with self._taking:
            new, self._new = self._new, []
        return new


class PipelinePlugin(WorkerPlugin):
    def __init__(self, recipe: PipelineRecipe):
        self.recipe = recipe
        self.pipeline: Pipeline | None = None
        self.memory: RecordingMemory | None = None
        self.lock: threading.Lock | None = None  # made on the worker (a lock does not travel)

    def setup(self, worker) -> None:
        recipe = self.recipe
        self.lock = threading.Lock()  # one chunk at a time per worker, whatever its thread count
        host = worker.address.rsplit(":", 1)[0].split("://")[-1]
        threads = recipe.config.generation.threads or recipe.threads_by_host.get(host) or os.cpu_count() or 1
        config = dataclasses.replace(recipe.config, generation=dataclasses.replace(recipe.config.generation,
                                                                                   threads=threads))
        if recipe.memory_snapshot is not None:
            handle, path = tempfile.mkstemp(prefix="translate-memory-", suffix=".sqlite", dir=worker.local_directory)
            with os.fdopen(handle, "wb") as stream:
                stream.write(recipe.memory_snapshot)
            self.memory = RecordingMemory(Path(path))
        self.pipeline = Pipeline(config, engine=recipe.engine, model=recipe.model, fallback=recipe.fallback,
                                 chrome=recipe.chrome, glossary=recipe.glossary, memory=self.memory,
                                 ui_catalogs=recipe.ui_catalogs, site=recipe.site)
        log.info("translate pipeline ready on %s (%d engine threads)", worker.address, threads)

    def teardown(self, worker) -> None:
        if self.memory is not None:
            self.memory.close()
            for path in self.memory.path.parent.glob(self.memory.path.name + "*"):
                path.unlink(missing_ok=True)


def translate_chunk(number: int, chunk: ChunkWork | StagedChunk, options: BatchOptions) -> ChunkResult:
    """A Dask task: chunk ``number`` translated with this worker's pipeline, as a one-machine batch
    translates it (a :class:`StagedChunk`: its files copied in from, and its outputs out to, storage
    this worker has no disk for)."""
    plugin: PipelinePlugin = get_worker().plugins[PLUGIN_NAME]
    assert plugin.pipeline is not None and plugin.lock is not None
    with plugin.lock:
        before = plugin.pipeline.memory_counts()
        if isinstance(chunk, StagedChunk):
            with chunk.local(options) as (staged, sources, planned, local_options):
                outcomes = staged.publish(run_chunk(ChunkContext(plugin.pipeline, local_options, planned), sources))
        else:
            context = ChunkContext(plugin.pipeline, options, lambda source, target: chunk.planned[source, target])
            outcomes = run_chunk(context, chunk.sources)
        hits, misses = (after - earlier for after, earlier in zip(plugin.pipeline.memory_counts(), before))
        entries = plugin.memory.take_new() if plugin.memory is not None else []
    return ChunkResult(number, outcomes, entries, hits, misses)
