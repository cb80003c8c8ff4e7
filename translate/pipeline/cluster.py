"""`translate batch --cluster`: a batch's chunks as Dask tasks, on this machine or on many.

The chunks are the ones a one-machine batch makes (:func:`translate.pipeline.batch.make_chunks`),
so the engine sees the same batches of segments and writes the same outputs. Each becomes a
task that needs the resource ``MODEL`` (one chunk at a time per worker: workers start with
``--resources MODEL=1``) and runs :func:`translate.pipeline.cluster_worker.translate_chunk`
on a worker whose pipeline and model were loaded once (a worker plugin).

This process, the driver, holds the output folder's lock, names every output (the naming
plan of a one-machine batch, sent with each chunk), claims them in the folder's journal before
any worker writes one, and stays the only writer of the manifest: each finished chunk's
outcomes become one manifest part, compacted into ``manifest.json`` at the end. Outputs are
written by the workers, each before its ``.report.json``, whose fingerprint still marks it
done: a rerun skips what is done, and a chunk whose worker was lost is run again by Dask
on another worker (an output written twice is written whole both times, and its outcome is
recorded once, when the chunk's result arrives).

The translation memory (SQLite, which must not be shared over a network filesystem): each
worker gets a snapshot of the central memory and translates against its own copy; each
chunk returns the entries it made; the driver merges them into the central memory (the
first stored for a segment wins, as everywhere).

Dask is imported only here and in :mod:`translate.pipeline.cluster_worker`, and only when
a batch runs with ``--cluster``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import (
    ClusterUnavailable,
    EnvironmentProblem,
    TranslateError,
    UsageError,
)
from translate.memory import TranslationMemory
from translate.pipeline.batch import RUN_REPORT, Batch, ProgressHook, make_chunks
from translate.pipeline.chunk import BatchOptions, Outcome
from translate.pipeline.discovery import Source
from translate.pipeline.naming import PlannedOutput
from translate.pipeline.outfolder import MANIFEST
from translate.pipeline.runner import Pipeline
from translate.pipeline.staging import RemoteSource, StagedChunk, upload

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 20  # seconds to reach a scheduler
WORKER_TIMEOUT = 120  # seconds for the first worker to join it
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+]*://)?[^\s/:]+(?::\d+)?$")


@dataclass(frozen=True)
class ClusterSpec:
    """``local[:N]``: a cluster of N worker processes on this machine; else a scheduler's address."""

    local_workers: int | None = None
    address: str | None = None

    def __str__(self) -> str:
        return f"local:{self.local_workers}" if self.address is None else self.address


def default_local_workers() -> int:
    """One worker per two cores: each runs the engine on two threads (and has its own Python)."""
    return max(1, (os.cpu_count() or 1) // 2)


def parse_cluster(value: str) -> ClusterSpec:
    """``local``, ``local:N``, ``tcp://host:port`` (or ``host:port``, ``tls://…``). No Dask imported."""
    if value == "local":
        return ClusterSpec(local_workers=default_local_workers())
    if value.startswith("local:"):
        count = value.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--cluster {value}: give the number of local workers, e.g. local:2")
        return ClusterSpec(local_workers=int(count))
    if not _ADDRESS.match(value):
        raise UsageError(f"--cluster {value}: give local, local:N or a scheduler address such as tcp://scheduler:8786")
    return ClusterSpec(address=value)


def run_on_cluster(pipeline: Pipeline, options: BatchOptions, sources: Sequence[Source] | Sequence[RemoteSource],
                   missing: Sequence[Outcome], spec: ClusterSpec, *, out_url: str | None = None,
                   on_outcome: ProgressHook | None = None, say: Callable[[str], None] = print) -> list[Outcome]:
    """Translate ``sources`` on the cluster; every outcome, as :meth:`Batch.run` returns them.
    ``out_url``: outputs go there (fsspec); ``sources`` are then :class:`RemoteSource` s."""
    _convert_once(pipeline, options)
    driver_folder = tempfile.TemporaryDirectory(prefix="translate-driver-") if out_url else None
    if driver_folder is not None:  # the manifest's parts stay here; the finished files are uploaded
        options = dataclasses.replace(options, out_dir=Path(driver_folder.name))
    else:  # absolute paths: a worker's current folder is not this one's
        options = dataclasses.replace(options, out_dir=options.out_dir.absolute())
        sources = [Source(source.path.absolute(), source.relative) for source in sources]  # type: ignore[union-attr]
    batch = Batch(pipeline, options, on_outcome)
    counts: Counter[str] = Counter()
    try:
        with batch.locked():  # one batch at a time in OUT, as without --cluster
            client, cluster = _connect(spec)
            try:
                batch.begin(sources, missing)  # type: ignore[arg-type]
                _run(batch, client, spec, _chunks(batch, sources, out_url), options, counts, say)
                if batch.folder:  # a worker killed mid-write left a temporary; its chunk was rerun whole
                    batch.folder.remove_stale_temporaries()
                batch.finish()
            except (EnvironmentProblem, KeyboardInterrupt):
                batch.interrupted()
                raise
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
        if out_url is not None:
            upload(out_url, options.out_dir, [MANIFEST, RUN_REPORT])
        return batch.outcomes
    finally:
        if driver_folder is not None:
            driver_folder.cleanup()
        _close_memory(pipeline.memory, counts)


def _chunks(batch: Batch, sources: Sequence, out_url: str | None) -> list:
    """The one-machine batch's chunks, each with the outputs the naming plan gives its inputs (claimed
    in OUT's journal here, before any worker writes them; relative to OUT for a remote one)."""
    from translate.pipeline.cluster_worker import ChunkWork

    targets = batch.options.targets
    if out_url is None:
        chunks = make_chunks(sources)
        for chunk in chunks:
            batch.claim(chunk)
        return [ChunkWork(tuple(chunk), {(source, target): batch.output(source, target)
                                         for source in chunk for target in targets}) for chunk in chunks]
    root = Path(os.path.realpath(batch.options.out_dir))

    def relative(planned: PlannedOutput) -> PlannedOutput:
        return dataclasses.replace(planned, path=planned.path.relative_to(root)) if planned.path else planned

    return [StagedChunk(tuple(chunk), tuple({target: relative(batch.output(source, target)) for target in targets}
                                            for source in chunk), out_url)
            for chunk in make_chunks(sources, size_of=lambda source: source.size)]


def _run(batch: Batch, client, spec: ClusterSpec, chunks: list, options: BatchOptions, counts: Counter[str],
         say: Callable[[str], None]) -> None:
    """Submit every chunk; record each result once, as it arrives (a chunk whose worker died is run
    again by Dask: its result comes once)."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    from translate.pipeline.cluster_worker import PLUGIN_NAME, PipelinePlugin, translate_chunk

    link = client.dashboard_link if _has_dashboard(client, spec) else None
    workers = len(client.scheduler_info()["workers"])
    say(f"Dask cluster {spec}: {workers} workers" + (f"; dashboard: {link}" if link else ""))
    client.register_plugin(PipelinePlugin(_recipe(batch.pipeline, client)), name=PLUGIN_NAME)
    worker_options = dataclasses.replace(options, write_manifest=False)
    run = uuid.uuid4().hex[:8]
    futures = [client.submit(translate_chunk, number, chunk, worker_options, key=f"translate-chunk-{number}-{run}",
                             resources={"MODEL": 1}, pure=False)
               for number, chunk in enumerate(chunks, start=1)]
    done: set[int] = set()
    try:
        for future in as_completed(futures):
            result = future.result()
            future.release()  # the worker may forget it: its outcomes are recorded here
            if result.number in done:  # a result lost with its worker and computed again
                continue
            done.add(result.number)
            batch.add_chunk(result.number, result.outcomes)
            counts["merged"] += _merge(batch.pipeline.memory, result.memory_entries)
            counts["hits"] += result.hits
            counts["misses"] += result.misses
    except KilledWorker as error:
        raise ClusterUnavailable(f"Dask workers died again and again on one chunk ({error}); are they out of "
                                 "memory? Rerun to finish: what is done is skipped") from None
    finally:
        client.cancel(futures)


def _connect(spec: ClusterSpec):
    """(client, the local cluster or None), or a :class:`ClusterUnavailable` that says what to do."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EnvironmentProblem("--cluster needs Dask: pip install 'newsroom-translate[cluster]'") from None
    if spec.address is None:
        cluster = LocalCluster(n_workers=spec.local_workers, threads_per_worker=1, resources={"MODEL": 1},
                               dashboard_address=":0", silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        client = Client(spec.address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise ClusterUnavailable(
            f"cannot reach the Dask scheduler at {spec.address} ({error}). Is it running (`dask scheduler`) and "
            "is the address right? README: Running on a cluster"
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        ready = [w for w in client.scheduler_info()["workers"].values() if w.get("resources", {}).get("MODEL")]
        if not ready:
            raise ClusterUnavailable(f"the workers of {spec.address} have no MODEL resource: start them with "
                                     f"`dask worker {spec.address} --nthreads 1 --resources MODEL=1`")
    except TimeoutError:
        client.close()
        raise ClusterUnavailable(f"no Dask worker joined {spec.address} in {WORKER_TIMEOUT} s: start one with "
                                 f"`dask worker {spec.address} --nthreads 1 --resources MODEL=1`") from None
    except ClusterUnavailable:
        client.close()
        raise
    return client, None


def _has_dashboard(client, spec: ClusterSpec) -> bool:
    """A scheduler elsewhere says whether it serves one; a local one serves it only with bokeh here."""
    import importlib.util

    if "dashboard" not in client.scheduler_info().get("services", {}):
        return False
    return spec.address is not None or importlib.util.find_spec("bokeh") is not None


def _recipe(pipeline: Pipeline, client):
    from translate.pipeline.cluster_worker import PipelineRecipe

    memory = pipeline.memory
    return PipelineRecipe(
        config=pipeline.config, engine=pipeline.engine, model=pipeline.model, fallback=pipeline.fallback,
        chrome=pipeline.chrome, glossary=pipeline.glossary, ui_catalogs=pipeline.ui_catalogs(), site=pipeline.site,
        memory_snapshot=memory.connection.serialize() if memory is not None else None,
        threads_by_host=_threads_by_host(client),
    )


def _threads_by_host(client) -> dict[str, int]:
    """Engine threads for a worker on each host: the host's cores shared by the workers on it."""
    cores = client.run(os.cpu_count)
    hosts = {address: info["host"] for address, info in client.scheduler_info()["workers"].items()}
    per_host = Counter(hosts.values())
    return {hosts[address]: max(1, (count or 1) // per_host[hosts[address]])
            for address, count in cores.items() if address in hosts}


def _convert_once(pipeline: Pipeline, options: BatchOptions) -> None:
    """Convert the checkpoints for CTranslate2 here, once, before any worker would: workers that
    share this disk (or the checkpoint's folder) find the conversion done."""
    if pipeline.engine != "ctranslate2":
        return
    from translate.engines.conversion import convert_checkpoint
    from translate.pipeline.chain import engine_specs

    for target in options.targets:
        try:
            for spec in engine_specs(pipeline.config, options.source, target, pipeline.model):
                if spec.checkpoint:
                    convert_checkpoint(spec.checkpoint, spec.generation.compute_type, device=spec.generation.device)
        except TranslateError as error:  # the workers say it, and fall back where they can
            log.info("not converted here: %s", error)


def _merge(memory: TranslationMemory | None, entries) -> int:
    """A chunk's new memory entries into the central memory (a segment stored first keeps its translation)."""
    if memory is None:
        return 0
    merged = 0
    for (source, target, signature), pairs in entries:
        memory.store(memory.context(source, target, signature), pairs)
        merged += len(pairs)
    return merged


def _close_memory(memory: TranslationMemory | None, counts: Counter[str]) -> None:
    if memory is None:
        return
    log.info("translation memory %s: %d segments reused, %d translated, %d entries merged from the workers",
             memory.path, counts["hits"], counts["misses"], counts["merged"])
    if counts["merged"]:
        memory.prune()
    memory.close()
