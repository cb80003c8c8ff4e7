"""`translate batch --cluster`: the same chunks on Dask workers give the same outputs, a lost
worker is retried without duplicates, the driver alone writes the manifest and the memory."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from batch_support import GOOD_SAMPLES, SAMPLES, batch, manifest

from translate.errors import UsageError
from translate.pipeline.cluster import ClusterSpec, parse_cluster


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("local:3", ClusterSpec(local_workers=3), id="local-n"),
        pytest.param("tcp://scheduler:8786", ClusterSpec(address="tcp://scheduler:8786"), id="tcp"),
        pytest.param("tls://10.0.0.5:8786", ClusterSpec(address="tls://10.0.0.5:8786"), id="tls"),
        pytest.param("scheduler:8786", ClusterSpec(address="scheduler:8786"), id="host-port"),
        pytest.param("local:0", UsageError, id="no-workers"),
        pytest.param("local:two", UsageError, id="not-a-number"),
        pytest.param("http://scheduler:8787/status", UsageError, id="dashboard-url"),
        pytest.param("", UsageError, id="empty"),
    ],
)
def test_cluster_option_values(value, expected):
    if expected is UsageError:
        with pytest.raises(UsageError):
            parse_cluster(value)
    else:
        assert parse_cluster(value) == expected
    assert parse_cluster("local").local_workers >= 1


def test_help_documents_the_cluster_and_imports_no_dask():
    code = (
        "import sys; from click.testing import CliRunner; from translate.cli import main;"
        "result = CliRunner().invoke(main, ['batch', '--help']); print(result.output);"
        "assert result.exit_code == 0;"
        "heavy = [m for m in ('dask', 'distributed', 'fsspec', 'torch') if m in sys.modules];"
        "assert not heavy, heavy"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "--cluster" in result.stdout and "local[:N]" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        pytest.param(["--cluster", "local:x"], 2, "local:2", id="malformed-cluster"),
        pytest.param(["--cluster", "local:2", "-j", "2"], 2, "choose one", id="jobs-and-cluster"),
        pytest.param(["-o", "file:///tmp/translate-out"], 2, "need --cluster", id="url-without-cluster"),
    ],
)
def test_usage_errors(tmp_path, sample_article, args, code, words):
    result = batch(sample_article, "--to", "hy", "-o", tmp_path / "out", "--engine", "pseudo", *args)
    assert result.exit_code == code, result.output
    assert words in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_unreachable_scheduler_is_an_environment_error(tmp_path, sample_article, monkeypatch):
    from translate.pipeline import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)
    result = batch(sample_article, "--to", "hy", "-o", tmp_path / "out", "--engine", "pseudo",
                   "--cluster", "tcp://127.0.0.1:9")  # the discard port: nothing listens
    assert result.exit_code == 7, result.output
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "dask scheduler" in result.output and "Traceback" not in result.output


# --- on a local cluster of two single-threaded workers -------------------------------------


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """A LocalCluster (2 worker processes, 1 thread each, MODEL=1), shared by this module's tests."""
    distributed = pytest.importorskip("distributed")
    os.environ["TRANSLATE_CACHE_DIR"] = str(tmp_path_factory.mktemp("worker-cache"))
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, resources={"MODEL": 1},
                                       dashboard_address=None, silence_logs=50)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def articles(tmp_path) -> Path:
    """40 articles in every format, in three folders, and two bad files: several chunks."""
    folder = tmp_path / "in"
    for copy in range(10):
        for name in GOOD_SAMPLES:
            stem, suffix = name.rsplit(".", 1)
            target = folder / f"part{copy % 3}" / f"{copy:02d}-{stem}.{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(SAMPLES / name, target)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    """Every translation under ``out`` (reports aside: they name their own paths)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and ".report." not in p.name and p.name not in ("manifest.json", "report.html")
            and ".translate" not in p.relative_to(out).parts}  # the folder's lock and journal


def comparable(out: Path) -> list[dict]:
    """The manifest's outcomes without the output folder in their paths."""
    return [{**o, "output": o["output"] and Path(o["output"]).relative_to(out.resolve()).as_posix(),
             "error": o["error"] and o["error"].replace(str(out.resolve()), "OUT").replace(str(out), "OUT")}
            for o in manifest(out)["outcomes"]]


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 4 files: the 42 inputs make 11 tasks."""
    import translate.pipeline.batch

    monkeypatch.setattr(translate.pipeline.batch, "CHUNK_FILES", 4)


@pytest.mark.slow
def test_pseudo_outputs_equal_the_one_machine_batch(scheduler, articles, tmp_path, small_chunks):
    plain, clustered = tmp_path / "plain", tmp_path / "cluster"
    assert batch(articles, "--to", "hy,ru", "-o", plain, "--engine", "pseudo").exit_code == 1  # two bad files
    result = batch(articles, "--to", "hy,ru", "-o", clustered, "--engine", "pseudo", "--cluster", scheduler)
    assert result.exit_code == 1, result.output
    assert f"Dask cluster {scheduler}: 2 workers" in result.output
    assert outputs(clustered) == outputs(plain) and len(outputs(plain)) == 80
    assert comparable(clustered) == comparable(plain)  # the same outcomes, in the same (chunk) order
    data = manifest(clustered)
    assert data["finished"] and data["summary"]["failed"] == 4 and not (clustered / ".translate" / "manifest-parts").exists()
    # Rerun: everything done is skipped, on the cluster too.
    rerun = batch(articles, "--to", "hy,ru", "-o", clustered, "--engine", "pseudo", "--cluster", scheduler)
    assert rerun.exit_code == 1
    assert {o["status"] for o in manifest(clustered)["outcomes"]} == {"skipped", "failed"}


@pytest.mark.slow
def test_urls_through_fsspec_give_the_same_outputs(scheduler, articles, tmp_path, small_chunks):
    plain, clustered = tmp_path / "plain", tmp_path / "cluster"
    batch(articles, "--to", "hy", "-o", plain, "--engine", "pseudo")
    result = batch(articles.as_uri(), "--to", "hy", "-o", clustered.as_uri(), "--engine", "pseudo",
                   "--cluster", scheduler)
    assert result.exit_code == 1, result.output
    assert outputs(clustered) == outputs(plain)
    outcomes = manifest(clustered)["outcomes"]
    assert all(o["input"].startswith("file://") for o in outcomes)
    assert all(o["output"].startswith(clustered.as_uri()) for o in outcomes if o["output"])
    report = json.loads((clustered / "part0" / "00-azatutyun-csto-border.hy.txt.report.json").read_text("utf-8"))
    assert report["output"] == (clustered / "part0" / "00-azatutyun-csto-border.hy.txt").as_uri()
    assert "translate-chunk-" not in json.dumps(report)  # no worker's private folder
    rerun = batch(articles.as_uri(), "--to", "hy", "-o", clustered.as_uri(), "--engine", "pseudo",
                  "--cluster", scheduler)
    assert {o["status"] for o in manifest(clustered)["outcomes"]} == {"skipped", "failed"}, rerun.output


@pytest.mark.slow
def test_tiny_checkpoint_outputs_and_memory_equal_the_one_machine_batch(scheduler, articles, tmp_path,
                                                                         tiny_checkpoint, small_chunks):
    config = tmp_path / "config.toml"
    memory_path = tmp_path / "memory.sqlite"
    config.write_text(f'[models.en-hy]\ncheckpoint = "{tiny_checkpoint}"\n[generation]\nnum_beams = 1\nthreads = 1\n'
                      f'compute_type = "float32"\n[memory]\npath = "{memory_path}"\n', encoding="utf-8")

    def memory() -> set[tuple[str, str]]:
        with sqlite3.connect(memory_path) as connection:
            entries = set(connection.execute("SELECT segment, translation FROM entries"))
        connection.close()
        return entries

    plain, clustered = tmp_path / "plain", tmp_path / "cluster"
    assert batch(articles, "--to", "hy", "-o", plain, "--engine", "ctranslate2", "--config", config).exit_code == 1
    plain_memory = memory()
    for path in tmp_path.glob("memory.sqlite*"):
        path.unlink()  # the cluster run starts from an empty memory too
    result = batch(articles, "--to", "hy", "-o", clustered, "--engine", "ctranslate2", "--config", config,
                   "--cluster", scheduler)
    assert result.exit_code == 1, result.output
    assert outputs(clustered) == outputs(plain)
    assert comparable(clustered) == comparable(plain)
    # The workers' new entries were merged into the central memory: the same entries as one machine's.
    assert memory() == plain_memory and len(plain_memory) > 20


@pytest.mark.slow
def test_a_worker_killed_mid_run_is_retried_without_duplicates(scheduler, articles, tmp_path, small_chunks):
    """A worker dies (SIGKILL) while it runs chunk 3, after writing part of it; Dask runs the
    chunk again elsewhere; every input is accounted for once, every output written whole."""
    from distributed import Client

    out = tmp_path / "out"
    marker = tmp_path / "killed"
    with Client(scheduler) as client:  # one client at a time in a process: this one, then the batch's
        client.register_plugin(kill_once(out, marker), name="kill-once")
    try:
        result = batch(articles, "--to", "hy,ru", "-o", out, "--engine", "pseudo", "--cluster", scheduler)
    finally:
        with Client(scheduler) as client:
            client.unregister_worker_plugin("kill-once")
    assert marker.exists(), "no worker was killed"
    assert result.exit_code == 1, result.output
    data = manifest(out)
    keys = [(o["input"], o["target"], o["article"]) for o in data["outcomes"]]
    assert len(keys) == len(set(keys))  # nothing recorded twice
    inputs = {Path(o["input"]).name for o in data["outcomes"]}
    assert inputs == {p.name for p in articles.rglob("*") if p.is_file()}
    assert sum(o["status"] in ("translated", "flagged", "skipped") for o in data["outcomes"]) == 80
    assert data["finished"] and not list(out.rglob("*.tmp"))
    plain = tmp_path / "plain"
    batch(articles, "--to", "hy,ru", "-o", plain, "--engine", "pseudo")
    assert outputs(out) == outputs(plain)
    # The rerun finds everything done: every input once, each output skipped, nothing written again.
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*.hy.*")}
    rerun = batch(articles, "--to", "hy,ru", "-o", out, "--engine", "pseudo", "--cluster", scheduler)
    assert rerun.exit_code == 1, rerun.output
    again = manifest(out)["outcomes"]
    assert sorted((o["input"], o["target"]) for o in again) == sorted((o["input"], o["target"]) for o in data["outcomes"])
    assert [o["status"] for o in again].count("skipped") == 80 and {o["status"] for o in again} == {"skipped", "failed"}
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.hy.*")} == written


@pytest.mark.slow
def test_output_names_and_the_journal_are_the_drivers(scheduler, tmp_path):
    """Workers write where the driver's naming plan says, as without --cluster: two inputs named
    story.txt go to story.hy.txt and story~2.hy.txt; a file translate did not write is left alone
    (that input fails); every file the workers wrote is in OUT's journal, claimed by the driver."""
    given = []
    for folder, sample in (("a", "azatutyun-csto-border.txt"), ("b", "azatutyun-lavrov-call.html"), ("c", None)):
        (tmp_path / folder).mkdir()
        name = "notes.txt" if sample is None else "story.txt"
        shutil.copy(SAMPLES / (sample or "azatutyun-csto-border.txt"), tmp_path / folder / name)
        given.append(tmp_path / folder)
    plain, clustered = tmp_path / "plain", tmp_path / "cluster"
    for out in (plain, clustered):
        out.mkdir()
        (out / "notes.hy.txt").write_text("the desk's own notes\n", encoding="utf-8")
    assert batch(*given, "--to", "hy", "-o", plain, "--engine", "pseudo").exit_code == 1
    result = batch(*given, "--to", "hy", "-o", clustered, "--engine", "pseudo", "--cluster", scheduler)
    assert result.exit_code == 1, result.output
    assert outputs(clustered) == outputs(plain)
    assert comparable(clustered) == comparable(plain)
    assert {"story.hy.txt", "story~2.hy.txt", "notes.hy.txt"} <= set(outputs(clustered))
    assert (clustered / "notes.hy.txt").read_text(encoding="utf-8") == "the desk's own notes\n"
    [failed] = [o for o in manifest(clustered)["outcomes"] if o["status"] == "failed"]
    assert "translate did not write it" in failed["error"]
    journal = set((clustered / ".translate" / "written").read_text(encoding="utf-8").split())
    assert {"story.hy.txt", "story~2.hy.txt", "story~2.hy.txt.report.json", "manifest.json"} <= journal
    assert "notes.hy.txt" not in journal


def kill_once(out: Path, marker: Path):
    """A worker plugin: the worker that starts chunk 3 first kills itself (SIGKILL) as soon as a
    new output report is on disk, i.e. part-way through writing."""
    from distributed import WorkerPlugin

    class KillOnce(WorkerPlugin):
        def transition(self, key, start, finish, **kwargs):
            if finish != "executing" or "translate-chunk-3-" not in str(key) or marker.exists():
                return
            marker.touch()
            before = set(out.rglob("*.report.json"))

            def kill_when_written():
                while set(out.rglob("*.report.json")) <= before:
                    threading.Event().wait(0.005)
                os.kill(os.getpid(), signal.SIGKILL)

            threading.Thread(target=kill_when_written, daemon=True).start()

    return KillOnce()
