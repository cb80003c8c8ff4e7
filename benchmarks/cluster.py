"""`translate batch` against `translate batch --cluster local:1` and `local:2`, on this machine.

    python benchmarks/cluster.py                 # 200 articles, a tiny checkpoint (2–4 minutes on 2 cores)
    python benchmarks/cluster.py --copies 1      # 50 articles
    python benchmarks/cluster.py --model DIR     # another checkpoint (e.g. ~/.cache/translate-bench/opus-mt-sized-v1)

Each configuration is the real command in its own process. Printed: articles/s end to end
and after the fixed start-up cost (the same command over an empty folder: starting the
cluster, loading the pipeline on each worker), CPU seconds of the command and everything
it started, and the scheduler's cost per chunk (a chunk-sized task that does nothing, one
at a time per worker, as translation tasks run). From those, a projection for N nodes —
a projection, not a measurement: it assumes nodes as fast as this one, inputs and outputs
that keep up (a shared disk or object store), and chunks of similar size.

On one 2-core machine, expect about 1×: the workers share the same two cores the plain
batch already uses (CTranslate2 runs on both), and a cluster adds its start-up and a
round trip per chunk. What the cluster buys is more machines.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = Path(__file__).resolve().parent / "news_articles.txt"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children) of a `translate` command."""
    started, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run([sys.executable, "-m", "translate", *command], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"})
    if result.returncode not in (0, 6):
        raise SystemExit(f"translate {' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return time.perf_counter() - started, _children_cpu() - cpu


def scheduler_cost(workers: int, tasks: int) -> float:
    """Seconds per chunk-sized task that does nothing, MODEL=1 per worker, on a LocalCluster."""
    from distributed import Client, LocalCluster

    from translate.pipeline.batch import Source

    chunk = [Source(Path(f"/archive/2021/05/article-{n:05d}.txt"), Path(f"2021/05/article-{n:05d}.txt"))
             for n in range(64)]
    with LocalCluster(n_workers=workers, threads_per_worker=1, resources={"MODEL": 1}, dashboard_address=":0",
                      silence_logs=50) as cluster, Client(cluster) as client:
        client.gather([client.submit(len, chunk, pure=False) for _ in range(workers * 2)])  # warm
        started = time.perf_counter()
        futures = [client.submit(len, chunk, resources={"MODEL": 1}, pure=False) for _ in range(tasks)]
        client.gather(futures)
        return (time.perf_counter() - started) * workers / tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=4, help="copies of the 50 articles (default 4: 200)")
    parser.add_argument("--model", type=Path, help="checkpoint directory (default: a tiny one built now)")
    parser.add_argument("--engine", default="ctranslate2")
    parser.add_argument("--beams", type=int, default=1)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="cluster-bench-"))
    try:
        model = args.model
        if model is None:
            from translate.engines.tiny import build_tiny_marian

            model = build_tiny_marian(workdir / "tiny", source="en", target="ru")
        articles = [text.strip() + "\n" for text in CORPUS.read_text(encoding="utf-8").split("\n---\n")]
        inputs, empty = workdir / "in", workdir / "empty"
        empty.mkdir()
        for copy in range(args.copies):
            for number, text in enumerate(articles):
                path = inputs / f"{copy:02d}" / f"{number:03d}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        count = args.copies * len(articles)
        from translate.pipeline.batch import DEFAULT_INCLUDE, discover, make_chunks

        chunks = len(make_chunks(discover([inputs], DEFAULT_INCLUDE)[0]))
        config = workdir / "config.toml"
        config.write_text(f'[models.en-ru]\ncheckpoint = "{model}"\n[generation]\nnum_beams = {args.beams}\n'
                          '[memory]\npath = "off"\n', encoding="utf-8")
        common = ["--to", "ru", "--engine", args.engine, "--config", str(config), "--force"]
        run(["batch", str(inputs), "-o", str(workdir / "warm"), *common])  # converts the checkpoint once, warms caches
        print(f"{count} articles en→ru, engine {args.engine} ({model.name}), beam {args.beams}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", file=sys.stderr)
        rows = []
        for label, extra in (("translate batch", []), ("--cluster local:1", ["--cluster", "local:1"]),
                             ("--cluster local:2", ["--cluster", "local:2"])):
            fixed, _ = run(["batch", str(empty), "-o", str(workdir / "empty-out"), *common, *extra])
            wall, cpu = run(["batch", str(inputs), "-o", str(workdir / label.replace(" ", "-")), *common, *extra])
            rows.append((label, wall, cpu, fixed))
        per_chunk = {workers: scheduler_cost(workers, 200) for workers in (1, 2)}
        load = os.getloadavg()[0]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    base = rows[0]
    print(f"\n{'':22}{'articles/s':>11}{'× batch':>9}{'after start-up':>16}{'× batch':>9}{'start-up s':>12}{'CPU s':>8}")
    for label, wall, cpu, fixed in rows:
        steady = count / max(wall - fixed, 1e-9)
        base_steady = count / max(base[1] - base[3], 1e-9)
        print(f"{label:22}{count / wall:11.2f}{base[1] / wall:9.2f}{steady:16.2f}{steady / base_steady:9.2f}"
              f"{fixed:12.1f}{cpu:8.1f}")
    print(f"{chunks} chunks of {count / chunks:.1f} articles; scheduler cost per chunk (a task that does nothing, MODEL=1): {per_chunk[1] * 1000:.0f} ms with 1 worker, "
          f"{per_chunk[2] * 1000:.0f} ms with 2; load average {load:.1f} at the end")
    # The projection: a node as fast as this machine's plain batch; the scheduler hands out chunks
    # one round trip each (its cost per chunk, measured above with 2 workers).
    node_rate = count / max(base[1] - base[3], 1e-9)
    files_per_chunk = count / chunks  # chunks close at 32 KB of input or 64 files
    ceiling = files_per_chunk / per_chunk[2]
    print("\nProjection (not measured): N nodes like this one, each with one worker of 2 engine threads:")
    for nodes in (1, 4, 16, 64):
        rate = min(nodes * node_rate, ceiling)
        print(f"  {nodes:3d} nodes: ~{rate:7.1f} articles/s; 1,000,000 articles in ~{1e6 / rate / 3600:6.1f} h"
              + ("  (the scheduler's limit)" if rate == ceiling else ""))
    print(f"  limits: this node's rate {node_rate:.2f} articles/s; the scheduler ~{ceiling:.0f} articles/s "
          f"({files_per_chunk:.0f} per chunk ÷ {per_chunk[2] * 1000:.0f} ms per chunk); storage and network not modelled")


if __name__ == "__main__":
    main()
