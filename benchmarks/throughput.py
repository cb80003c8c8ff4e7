"""Throughput on CPU: per-paragraph engines against this pipeline, on an Opus-MT-sized model.

    python benchmarks/throughput.py            # the full run (about 5 minutes on 2 cores)
    python benchmarks/throughput.py --quick    # a smoke run (under a minute)

Builds once, under ~/.cache/translate-bench (``--cache-dir``), a random-weight Marian
checkpoint of Opus-MT's shape (d_model 512, 6+6 layers, 8 heads, FFN 2048, swish,
vocabulary 58,101, as opus-mt-en-de) and its CTranslate2 conversion. The corpus is
benchmarks/news_articles.txt: 50 news articles, 200 sentences, written for this.

Every configuration runs in its own process (so its peak RSS is its own), decodes with the
same settings (beam 4, 2 threads, 4-gram block) and generates the same number of target
tokens per sentence (``--target-tokens``; random weights never end a sentence early, and
the baselines force the length), so tokens/s compare:

  (a) transformers generate, one paragraph at a time   (what EasyNMT-style tools do)
  (b) CTranslate2, one paragraph at a time             (what Argos-style tools do)
  (c) this pipeline end to end (read, segment, translate, write) with --engine marian
  (d) the same with --engine ctranslate2, filling a fresh translation memory
  (e) `translate run` again over the same articles: the memory answers everything

(a) and (b) run on the first ``--baseline-articles`` articles (their rate is per token; at
one paragraph per call they are slow). (d) also replays its own batches through raw
CTranslate2 to measure the pipeline's overhead. Ratios are against (a) from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's translate, whatever is installed
CORPUS = Path(__file__).resolve().parent / "news_articles.txt"
MODEL_VERSION = "opus-mt-sized-v1"  # change when the build below changes
OPUS_SHAPE = {"d_model": 512, "layers": 6, "heads": 8, "ffn_dim": 2048, "vocab_total": 58101, "activation": "swish"}

DESCRIPTIONS = {
    "a": "transformers generate, per paragraph",
    "b": "CTranslate2, per paragraph",
    "c": "pipeline, marian engine",
    "d": "pipeline, ctranslate2 engine",
    "e": "pipeline, ctranslate2 + warm memory",
}


# --- inputs ------------------------------------------------------------------------------


def articles() -> list[str]:
    return CORPUS.read_text(encoding="utf-8").split("\n---\n")


def paragraphs(texts: list[str]) -> list[list[str]]:
    """Each article's paragraphs as lists of sentences, segmented as the pipeline does."""
    from translate.document import Disposition
    from translate.io.readers import read_text
    from translate.segmentation import segment_document

    result = []
    for text in texts:
        document = segment_document(read_text(text, language="en"))
        result += [[s.mt_input for s in b.segments] for b in document.blocks if b.disposition is Disposition.TRANSLATE]
    return result


def ensure_model(cache_dir: Path) -> Path:
    """The Opus-MT-sized random checkpoint, built once (a minute), with its float32 and int8 conversions."""
    directory = cache_dir / MODEL_VERSION
    if not (directory / "model.safetensors").exists():
        from translate.engines.tiny import build_tiny_marian

        print(f"building {directory} (once)…", file=sys.stderr)
        staging = Path(tempfile.mkdtemp(prefix=".build-", dir=cache_dir))
        lines = [line for text in articles() for line in text.splitlines() if line.strip() and line != "---"]
        build_tiny_marian(staging, source="en", target="de", corpus=lines, vocab_size=4000, init_std=0.02, **OPUS_SHAPE)
        os.replace(staging, directory)
    from translate.engines.conversion import convert_checkpoint

    for compute_type in ("float32", "int8"):
        convert_checkpoint(str(directory), compute_type)
    return directory


def write_config(path: Path, args, memory: Path) -> Path:
    path.write_text(
        "[generation]\n"
        f"num_beams = {args.beams}\nthreads = {args.threads}\nbatch_size = {args.batch_size}\n"
        f"max_batch_tokens = {args.max_batch_tokens}\ncompute_type = \"{args.compute_type}\"\n"
        # Every output is capped at exactly --target-tokens: equal work for every engine.
        f"max_length_ratio = 0.0\nmax_length_slack = {args.target_tokens}\n"
        f"[memory]\npath = \"{memory}\"\n"
        # Random weights never write a glossary term, so enforcing one would re-translate
        # for nothing; numbers and dates are still protected and localised.
        "[glossary]\nfiles = []\n",
        encoding="utf-8",
    )
    return path


# --- the configurations, each in its own process -----------------------------------------------


def run_a(args, model: Path) -> dict:
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    tokenizer = MarianTokenizer.from_pretrained(model, local_files_only=True)
    net = MarianMTModel.from_pretrained(model, local_files_only=True).eval()
    load = time.perf_counter() - started
    work = paragraphs(articles()[: args.baseline_articles])

    @torch.inference_mode()
    def translate(sentences: list[str]) -> int:
        encoded = tokenizer(sentences, return_tensors="pt", padding=True)
        output = net.generate(
            **encoded, num_beams=args.beams, no_repeat_ngram_size=4,
            min_new_tokens=args.target_tokens, max_new_tokens=args.target_tokens,
        )
        tokenizer.batch_decode(output, skip_special_tokens=True)
        return int((output[:, 1:] != tokenizer.pad_token_id).sum())

    return _measure(translate, work, load)


def _measure(translate, work: list[list[str]], load: float) -> dict:
    """Time ``translate`` over each paragraph of ``work`` (after one warm-up call, as every
    configuration gets); ``translate`` returns the target tokens it produced."""
    translate(max(work, key=len))
    tokens = 0
    started, cpu = time.perf_counter(), time.process_time()
    for sentences in work:
        tokens += translate(sentences)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "load": load,
            "tokens": tokens, "sentences": sum(map(len, work))}


def run_b(args, model: Path) -> dict:
    import ctranslate2

    from translate.engines.conversion import find_converted
    from translate.engines.marian_vocab import EOS, MarianVocabulary

    started = time.perf_counter()
    vocabulary = MarianVocabulary(model)
    translator = ctranslate2.Translator(
        str(find_converted(model, args.resolved_compute_type)), compute_type=args.resolved_compute_type,
        intra_threads=args.threads,
    )
    load = time.perf_counter() - started
    work = paragraphs(articles()[: args.baseline_articles])

    def translate(sentences: list[str]) -> int:
        results = translator.translate_batch(
            [[*vocabulary.encode(s), EOS] for s in sentences], beam_size=args.beams, no_repeat_ngram_size=4,
            min_decoding_length=args.target_tokens, max_decoding_length=args.target_tokens, max_input_length=0,
        )
        for result in results:
            vocabulary.decode(result.hypotheses[0])
        return sum(len(result.hypotheses[0]) for result in results)

    return _measure(translate, work, load)


def run_pipeline(args, model: Path, engine_name: str) -> dict:
    import translate.pipeline.chain
    from translate.config import load_config
    from translate.memory import TranslationMemory
    from translate.pipeline.batch import Batch, BatchOptions, Source
    from translate.pipeline.runner import Pipeline

    workdir = Path(args.workdir)
    config = load_config(workdir / "bench.toml")
    paths = sorted(Path(args.articles).glob("*.txt"))

    def pipeline_pass(memory: TranslationMemory | None, out_dir: Path) -> tuple[float, float, int]:
        """What `translate run ARTICLES` does after loading: read, segment, translate, check and
        write every article with its reports. (seconds, CPU seconds, segments)."""
        started, cpu = time.perf_counter(), time.process_time()
        pipeline = Pipeline(config, engine=engine_name, model=str(model), memory=memory)
        options = BatchOptions(["de"], "en", out_dir, force=True, write_manifest=False)
        outcomes = Batch(pipeline, options).run([Source(path, Path(path.name)) for path in paths])
        if memory is not None:
            memory.close()
        failed = [outcome.error for outcome in outcomes if outcome.status == "failed"]
        if failed:
            raise SystemExit(f"the pipeline failed: {failed[:3]}")
        return time.perf_counter() - started, time.process_time() - cpu, sum(o.segments for o in outcomes)

    started = time.perf_counter()
    engine = translate.pipeline.chain.load_engine(engine_name, translate.pipeline.chain.engine_specs(config, "en", "de", model=str(model))[0])
    if engine_name == "ctranslate2":
        engine.translator  # noqa: B018 - the model loads on first use; load it before timing
    load = time.perf_counter() - started
    translate.pipeline.chain.load_engine = lambda name, spec: engine  # every pass below reuses this engine
    # Warm-up, as every configuration does: one batch of the longest sentences, past the memory.
    sentences = sorted((s for p in paragraphs(articles()) for s in p), key=len, reverse=True)
    engine.translate(sentences[: engine.spec.generation.batch_size])
    engine.batches_run.clear()
    engine.tokens_generated = 0

    if engine_name == "marian":  # (c): no translation memory
        seconds, cpu, segments = pipeline_pass(None, workdir / "out-c")
        return {"seconds": seconds, "cpu": cpu, "load": load, "tokens": engine.tokens_generated,
                "sentences": segments, "batches": len(engine.batches_run),
                "mean_batch": statistics.mean(engine.batches_run)}

    # (d): record what reaches CTranslate2 and the time spent inside it, to compare with raw
    # CTranslate2 on the same batches (a replay) and to see the pipeline's own share.
    from translate.engines.marian_vocab import EOS

    batches: list[tuple[list[list[str]], int]] = []
    inside = [0.0]
    generate, raw_translate = engine._generate, engine.translator.translate_batch

    def recording(pieces, caps):
        batches.append(([[*engine._prefix, *p.tokens, EOS] for p in pieces], max(caps)))
        return generate(pieces, caps)

    def timed(*a, **k):
        begin = time.perf_counter()
        try:
            return raw_translate(*a, **k)
        finally:
            inside[0] += time.perf_counter() - begin

    def replay() -> float:
        settings = engine.spec.generation
        begin = time.perf_counter()
        for source, cap in batches:
            raw_translate(source, beam_size=settings.num_beams, max_decoding_length=cap,
                          no_repeat_ngram_size=settings.no_repeat_ngram_size, max_input_length=0,
                          repetition_penalty=settings.repetition_penalty, suppress_sequences=engine._suppressed)
        return time.perf_counter() - begin

    engine._generate = recording
    engine._translator = type("Timed", (), {"translate_batch": staticmethod(timed)})()
    # Pass 1 fills the memory (e) reads; it is the run a newsroom's first batch job makes.
    seconds, cpu, segments = pipeline_pass(TranslationMemory(workdir / "memory.sqlite"), workdir / "out-d")
    result = {"seconds": seconds, "cpu": cpu, "load": load, "tokens": engine.tokens_generated,
              "sentences": segments, "batches": len(engine.batches_run),
              "mean_batch": statistics.mean(engine.batches_run), "inside": inside[0], "replay": replay()}
    # Pass 2 and its replay, both warm (a first pass pays for CTranslate2's allocations).
    batches.clear()
    inside[0] = 0.0
    result["warm_seconds"] = pipeline_pass(TranslationMemory(workdir / "memory-2.sqlite"), workdir / "out-d2")[0]
    result["warm_inside"], result["warm_replay"] = inside[0], replay()
    return result


def child(args) -> None:
    from translate.engines.conversion import resolve_compute_type

    if args.child == "build":
        ensure_model(Path(args.cache_dir))
        return
    args.resolved_compute_type = resolve_compute_type(args.compute_type)
    model = Path(args.model)
    runners = {"a": run_a, "b": run_b, "c": lambda a, m: run_pipeline(a, m, "marian"),
               "d": lambda a, m: run_pipeline(a, m, "ctranslate2")}
    result = runners[args.child](args, model)
    Path(args.json).write_text(json.dumps(result), encoding="utf-8")


# --- the parent: one process per configuration ---------------------------------------------------


def measure(command: list[str], cwd: Path = REPO) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in bytes, stderr) of ``command`` run as a child process.

    The peak RSS comes from wait4(); it is at least this (small) parent's RSS at the fork.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return wall, usage.ru_maxrss * 1024, stderr


def help_seconds() -> float:
    return min(measure([sys.executable, "-m", "translate", "--help"])[0] for _ in range(5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", type=Path, default=Path("~/.cache/translate-bench").expanduser())
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--target-tokens", type=int, default=40)
    parser.add_argument("--baseline-articles", type=int, default=12, help="articles (4 sentences each) for (a), (b)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-batch-tokens", type=int, default=1536)
    parser.add_argument("--compute-type", default="auto")
    parser.add_argument("--only", default="abcde", help="configurations to run, e.g. bd")
    parser.add_argument("--quick", action="store_true", help="2 baseline articles, 10 target tokens: a smoke run")
    parser.add_argument("--json-out", type=Path, help="also write the results here")
    for hidden in ("--child", "--model", "--articles", "--workdir", "--json"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.quick:
        args.baseline_articles, args.target_tokens = 2, 10

    args.cache_dir.mkdir(parents=True, exist_ok=True)
    # Built in a child: a parent that imported torch would pass its memory on to every child's
    # peak RSS (Linux counts the high-water mark across fork and exec).
    measure([sys.executable, __file__, "--child", "build", "--cache-dir", str(args.cache_dir)])
    model = args.cache_dir / MODEL_VERSION
    workdir = Path(tempfile.mkdtemp(prefix="throughput-"))
    try:
        results = run_all(args, model, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report(args, results)
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2), encoding="utf-8")


def run_all(args, model: Path, workdir: Path) -> dict:
    article_dir = workdir / "articles"
    article_dir.mkdir()
    for number, text in enumerate(articles()):
        (article_dir / f"{number:03d}.txt").write_text(text.strip() + "\n", encoding="utf-8")
    config = write_config(workdir / "bench.toml", args, workdir / "memory.sqlite")
    common = ["--model", str(model), "--articles", str(article_dir), "--workdir", str(workdir)]
    for name in ("--beams", "--threads", "--target-tokens", "--baseline-articles", "--compute-type"):
        common += [name, str(getattr(args, name.lstrip("-").replace("-", "_")))]
    results: dict[str, dict] = {}
    for name in [c for c in "abcd" if c in args.only]:
        print(f"({name}) {DESCRIPTIONS[name]}…", file=sys.stderr)
        out = workdir / f"{name}.json"
        _, rss, _ = measure([sys.executable, __file__, "--child", name, "--json", str(out), *common])
        results[name] = {**json.loads(out.read_text()), "rss": rss}
    if "e" in args.only:
        print(f"(e) {DESCRIPTIONS['e']}…", file=sys.stderr)
        command = [sys.executable, "-m", "translate", "-v", "run", *map(str, sorted(article_dir.glob("*.txt"))),
                   "--to", "de", "--engine", "ctranslate2", "--model", str(model), "--config", str(config),
                   "-o", str(workdir / "out-e")]
        if "d" not in args.only:  # the memory is filled by (d); without it, fill it here
            measure(command)
        wall, rss, stderr = measure(command)
        reused = [line for line in stderr.splitlines() if "segments reused" in line]
        sentences = sum(map(len, paragraphs(articles())))
        results["e"] = {"seconds": wall, "cpu": 0.0, "load": 0.0, "tokens": 0, "sentences": sentences, "rss": rss,
                        "memory": reused[-1].split(": ", 2)[-1] if reused else "(no memory line)"}
    results["help_seconds"] = help_seconds()
    results["load_average"] = [round(x, 1) for x in os.getloadavg()]
    return results


def report(args, results: dict) -> None:
    def rate(r, key, clock="seconds"):
        return r[key] / r[clock] if r[clock] else 0.0

    print(f"\nOpus-MT-sized random model, beam {args.beams}, {args.threads} threads, {args.target_tokens} target "
          f"tokens per sentence, batch {args.batch_size} / {args.max_batch_tokens} tokens, "
          f"compute type {args.compute_type}; (a), (b) on {args.baseline_articles} articles, (c)–(e) on 50.")
    print(f"{'':4}{'configuration':38}{'tok/s':>7}{'sent/s':>7}{'×(a)':>6}{'tok/cpu-s':>10}{'×(a)':>6}"
          f"{'peak RSS':>10}{'load s':>7}{'time s':>7}")
    base = results.get("a")
    for name, description in DESCRIPTIONS.items():
        if name not in results:
            continue
        r = results[name]
        ratio = cpu_ratio = ""
        if base and name != "e":
            ratio = f"{rate(r, 'tokens') / rate(base, 'tokens'):.1f}"
            cpu_ratio = f"{rate(r, 'tokens', 'cpu') / rate(base, 'tokens', 'cpu'):.1f}"
        elif base:
            ratio = f"{rate(r, 'sentences') / rate(base, 'sentences'):.0f}*"
        print(f"({name}) {description:38}{rate(r, 'tokens'):7.0f}{rate(r, 'sentences'):7.1f}{ratio:>6}"
              f"{rate(r, 'tokens', 'cpu'):10.0f}{cpu_ratio:>6}{r['rss'] / 2**20:8.0f}MB{r['load']:7.2f}{r['seconds']:7.1f}")
    if "e" in results:
        print(f"    * (e): ratio in sentences/s; the whole `translate run` process; memory: {results['e']['memory']}")
    d = results.get("d")
    if d:
        print(f"    (d): {d['batches']} batches of {d['mean_batch']:.1f} sentences on average; "
              f"{d['tokens'] / d['sentences']:.1f} target tokens per sentence")
    print(f"    `translate --help`: {results['help_seconds']:.2f} s; load average at the end "
          f"{results['load_average']} on {os.cpu_count()} CPUs (others' work slows wall-clock rates;"
          " tok/cpu-s is steadier)")

    print("\nGoals:")
    goals = []
    for other, times in (("a", 4.0), ("b", 2.0)):
        if d and other in results:
            wall = rate(d, "tokens") / rate(results[other], "tokens")
            cpu = rate(d, "tokens", "cpu") / rate(results[other], "tokens", "cpu")
            goals.append((f"(d) ≥ {times:.0f}× ({other}) tokens/s (per CPU-second: {cpu:.1f}×)", wall, times, True))
    if d:
        goals.append(("(d) time / its own time inside CTranslate2 ≤ 1.05 (first pass)", d["seconds"] / d["inside"],
                      1.05, False))
        label = f"(d) time / raw CTranslate2 on its batches ≤ 1.05 (warm pass; first pass {d['seconds'] / d['replay']:.2f})"
        goals.append((label, d["warm_seconds"] / d["warm_replay"], 1.05, False))
        goals.append(("(d) peak RSS ≤ 700 MB", d["rss"] / 2**20, 700, False))
    goals.append(("`translate --help` < 0.3 s", results["help_seconds"], 0.3, False))
    if "e" in results:
        goals.append(("(e) warm-memory run over 50 articles < 2 s", results["e"]["seconds"], 2.0, False))
    for label, value, limit, at_least in goals:
        met = value >= limit if at_least else value <= limit
        print(f"  {'met ' if met else 'MISS'}  {label}: {value:.2f}")


if __name__ == "__main__":
    main()
