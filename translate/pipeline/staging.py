"""Inputs and outputs on storage a cluster's workers do not share as a disk (``s3://``, ``gs://``, …).

Paths are fsspec URLs (``file://`` is the local disk through the same code, which is how it
is tested). The driver lists the inputs (:func:`discover_urls`); a worker copies its chunk's
inputs, and the reports of earlier outputs (their fingerprints decide what is up to date),
into a private folder, runs the one-machine code on it (:class:`StagedChunk`) with the output
names the driver planned, and copies the new outputs out: each output first, its JSON report last, as on a local disk, so the report
still marks an output done. Paths in outcomes and reports are given back as URLs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import posixpath
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from translate.io.writers import write_atomic
from translate.pipeline.chunk import BatchOptions, Outcome
from translate.pipeline.discovery import Source, wanted
from translate.pipeline.naming import PlannedOutput

Plan = Callable[[Source, str], PlannedOutput]

REPORT_SUFFIX = ".report.json"  # written last: the commit marker of an output


def as_url(path: str) -> str:
    """``path`` as a URL: a local path becomes a ``file://`` URL."""
    return path if "://" in path else Path(path).resolve().as_uri()


def _fs(url: str):
    try:
        from fsspec.core import url_to_fs
    except ImportError:  # pragma: no cover - fsspec comes with the cluster extra
        from translate.errors import EnvironmentProblem

        raise EnvironmentProblem("URLs as inputs or outputs need fsspec: pip install 'newsroom-translate[cluster]'") from None
    return url_to_fs(url)


@dataclass(frozen=True)
class RemoteSource:
    url: str
    relative: PurePosixPath
    size: int

    @property
    def path(self) -> Path:
        """The URL where a local input's path is expected (names, messages); never opened."""
        return Path(self.url)


def discover_urls(inputs: Sequence[str], include: Sequence[str], exclude: Sequence[str],
                  out_url: str) -> tuple[list[RemoteSource], list[Outcome]]:
    """The files under ``inputs`` (URLs), as :func:`translate.pipeline.batch.discover` finds local ones."""
    sources: list[RemoteSource] = []
    missing: list[Outcome] = []
    out_fs, out_path = _fs(out_url)
    for given in inputs:
        fs, root = _fs(given)
        if fs.isdir(root):
            for path, info in sorted(fs.find(root, detail=True).items()):
                relative = PurePosixPath(posixpath.relpath(path, root))
                if info.get("type") != "file" or any(part.startswith(".") for part in relative.parts):
                    continue
                if fs is out_fs and (path + "/").startswith(out_path.rstrip("/") + "/"):
                    continue  # our own outputs, when OUT lies inside the input folder
                if wanted(relative, include, exclude):
                    sources.append(RemoteSource(fs.unstrip_protocol(path), relative, int(info.get("size") or 0)))
        elif fs.isfile(root):
            sources.append(RemoteSource(given, PurePosixPath(posixpath.basename(root)), int(fs.size(root) or 0)))
        else:
            missing.append(Outcome(given, "*", "failed", error=f"{given}: no such file or directory"))
    return sources, missing


@dataclass(frozen=True)
class StagedChunk:
    """One chunk of remote inputs, where the naming plan puts each one's outputs (paths relative
    to OUT, per target), and the remote output folder."""

    sources: tuple[RemoteSource, ...]
    plans: tuple[dict[str, PlannedOutput], ...]  # per source: target → its planned output under OUT
    out_url: str
    folder: str = ""  # the private folder, while the chunk is staged

    @contextlib.contextmanager
    def local(self, options: BatchOptions) -> Iterator[tuple[StagedChunk, list[Source], Plan, BatchOptions]]:
        """The chunk copied into a private folder: (this chunk with its folder, local sources, their
        planned outputs in the folder, options)."""
        folder = Path(tempfile.mkdtemp(prefix="translate-chunk-")).resolve()
        try:
            staged = dataclasses.replace(self, folder=str(folder))
            out_fs, out_root = _fs(self.out_url)
            sources, planned = [], {}
            for source, plan in zip(self.sources, self.plans):
                local = folder / "in" / source.relative
                local.parent.mkdir(parents=True, exist_ok=True)
                fs, path = _fs(source.url)
                fs.get_file(path, str(local))
                here = Source(local, Path(source.relative))
                sources.append(here)
                for target, output in plan.items():
                    planned[here, target] = (dataclasses.replace(output, path=folder / "out" / output.path)
                                             if output.path is not None else output)
                    if options.force or output.path is None:
                        continue
                    # The earlier output's report decides whether it is up to date. The output itself
                    # is not needed (one that is up to date is not written again): an empty stand-in.
                    report = posixpath.join(out_root, output.path.as_posix() + REPORT_SUFFIX)
                    if out_fs.isfile(report):
                        copy = folder / "out" / (output.path.as_posix() + REPORT_SUFFIX)
                        copy.parent.mkdir(parents=True, exist_ok=True)
                        out_fs.get_file(report, str(copy))
                        (folder / "out" / output.path).touch()
            yield staged, sources, lambda source, target: planned[source, target], \
                dataclasses.replace(options, out_dir=folder / "out", write_manifest=False)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def publish(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        """Copy the chunk's new outputs out (each output before its report); outcomes with URLs."""
        folder = Path(self.folder)
        out_fs, out_root = _fs(self.out_url)
        for outcome in outcomes:
            if outcome.status in ("skipped", "failed") or not outcome.output:
                continue
            output = Path(outcome.output)
            # The output, its HTML page, and its JSON report last (it marks the output done).
            for path in (output, output.with_name(output.name + ".report.html"), output.with_name(output.name + REPORT_SUFFIX)):
                relative = path.relative_to(folder / "out").as_posix()
                text = path.read_text(encoding="utf-8")
                if path != output:  # reports name the input and the output: by their URLs
                    text = self._to_urls(text)
                _write(out_fs, posixpath.join(out_root, relative), text)
        return [self._with_urls(outcome) for outcome in outcomes]

    def _to_urls(self, text: str) -> str:
        """``text`` with the private folder's paths replaced by the URLs they stand for."""
        folder = Path(self.folder)
        for source in self.sources:
            text = text.replace(str(folder / "in" / source.relative), source.url)
        return text.replace(str(folder / "out"), self.out_url.rstrip("/"))

    def _with_urls(self, outcome: Outcome) -> Outcome:
        return dataclasses.replace(outcome, input=self._to_urls(outcome.input),
                                   output=self._to_urls(outcome.output) if outcome.output else None,
                                   error=self._to_urls(outcome.error) if outcome.error else None)


def _write(fs, path: str, text: str) -> None:
    """Whole or not at all: a rename on a local disk; object stores write an object whole."""
    if "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)):
        write_atomic(Path(path), text)
    else:
        fs.pipe_file(path, text.encode("utf-8"))


def upload(out_url: str, local: Path, names: Sequence[str]) -> None:
    """The driver's files (manifest, run report) from ``local`` to the output URL."""
    out_fs, out_root = _fs(out_url)
    for name in names:
        if (local / name).is_file():
            _write(out_fs, posixpath.join(out_root, name), (local / name).read_text(encoding="utf-8"))
