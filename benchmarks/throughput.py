"""Throughput on CPU: each peer as it really runs, at its best settings, against this pipeline.

    python benchmarks/throughput.py            # the full run (about 5 minutes on 2 cores)
    python benchmarks/throughput.py --quick    # a smoke run (about a minute)

Builds once, under ~/.cache/translate-bench (``--cache-dir``), a random-weight Marian
checkpoint of Opus-MT's shape (d_model 512, 6+6 layers, 8 heads, FFN 2048, swish,
vocabulary 58,101, as opus-mt-en-de) and its CTranslate2 conversions. The corpus is
benchmarks/news_articles.txt: 50 news articles, 200 sentences, written for this; it is
translated en→ru (the random model does not care, and the glossary covers ru).

Every configuration runs in its own process (its peak RSS is its own), decodes with the same
settings (beam 4, ``--threads`` threads, 4-gram block) and generates ``--target-tokens``
tokens per sentence (random weights never end early; the peers force the length, ours caps it):

  easynmt  transformers MarianMT, float32, inference_mode: every sentence of every article,
           sorted by length, in batches of 16 (EasyNMT's ``translate(documents)``)
  argos    CTranslate2, one paragraph's sentences per call (Argos Translate), int8 and
           float32 both measured; the faster is the peer
  ours     `translate batch` end to end (read, segment, translate, QA, write outputs, reports,
           manifest) with ctranslate2, glossary and quantities on, a fresh memory; its own
           batches replayed through raw CTranslate2 (the overhead ratio), cold (first pass)
           and warm (second pass, another fresh memory)
  warm-tm  the same batch again with the memory of the first pass: nothing reaches the engine

The peers run on the first ``--baseline-articles`` articles (rates are per token). Ours counts
the tokens of its first pass over each segment (the work the peers do too); the glossary's
extra passes (segments translated again with terms protected) are counted apart, as a share
of the time spent inside CTranslate2. Rates per wall-clock second depend on what else runs on
the machine; tokens per CPU-second (this process's user + system time) much less: both are
printed, with the load average, and the ratios between configurations of one run are what
to compare.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
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
TARGET = "ru"
EASYNMT_BATCH = 16


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


def write_config(path: Path, args, model: Path) -> Path:
    """The pipeline's configuration: the default one (glossary, quantities on) with this model and
    the shared decoding settings; each output capped at exactly --target-tokens."""
    path.write_text(
        f'[models.en-{TARGET}]\ncheckpoint = "{model}"\n'
        "[generation]\n"
        f"num_beams = {args.beams}\nthreads = {args.threads}\nbatch_size = {args.batch_size}\n"
        f"max_batch_tokens = {args.max_batch_tokens}\ncompute_type = \"{args.compute_type}\"\n"
        f"max_length_ratio = 0.1\nmax_length_slack = {args.target_tokens}\n",
        encoding="utf-8",
    )
    return path


def _cpu() -> float:
    usage = os.times()
    return usage.user + usage.system


def _timed(work) -> dict:
    """Wall and CPU seconds of ``work()``, which returns (target tokens, sentences)."""
    started, cpu = time.perf_counter(), _cpu()
    tokens, sentences = work()
    return {"seconds": time.perf_counter() - started, "cpu": _cpu() - cpu, "tokens": tokens, "sentences": sentences}


# --- the peers -----------------------------------------------------------------------------


def run_easynmt(args, model: Path) -> dict:
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    torch.set_num_threads(args.threads)
    tokenizer = MarianTokenizer.from_pretrained(model, local_files_only=True)
    net = MarianMTModel.from_pretrained(model, local_files_only=True).eval()
    sentences = [s for p in paragraphs(articles()[: args.baseline_articles]) for s in p]

    @torch.inference_mode()
    def translate(batch: list[str]) -> int:
        encoded = tokenizer(batch, return_tensors="pt", padding=True)
        output = net.generate(**encoded, num_beams=args.beams, no_repeat_ngram_size=4,
                              min_new_tokens=args.target_tokens, max_new_tokens=args.target_tokens)
        tokenizer.batch_decode(output, skip_special_tokens=True)
        return int((output[:, 1:] != tokenizer.pad_token_id).sum())

    translate(sorted(sentences, key=len)[-EASYNMT_BATCH:])  # warm-up, as every configuration gets

    def work():
        # EasyNMT: all sentences sorted by length, decoded in batches of 16, put back in order.
        ordered = sorted(sentences, key=len)
        return sum(translate(ordered[i : i + EASYNMT_BATCH]) for i in range(0, len(ordered), EASYNMT_BATCH)), len(ordered)

    return _timed(work)


def run_argos(args, model: Path, compute_type: str) -> dict:
    import ctranslate2

    from translate.engines.conversion import find_converted
    from translate.engines.marian_vocab import EOS, MarianVocabulary

    vocabulary = MarianVocabulary(model)
    translator = ctranslate2.Translator(str(find_converted(model, compute_type)), compute_type=compute_type,
                                        intra_threads=args.threads)
    work_items = paragraphs(articles()[: args.baseline_articles])

    def translate(sentences: list[str]) -> int:
        results = translator.translate_batch(
            [[*vocabulary.encode(s), EOS] for s in sentences], beam_size=args.beams, no_repeat_ngram_size=4,
            min_decoding_length=args.target_tokens, max_decoding_length=args.target_tokens, max_input_length=0,
        )
        for result in results:
            vocabulary.decode(result.hypotheses[0])
        return sum(len(result.hypotheses[0]) for result in results)

    translate(max(work_items, key=len))
    return _timed(lambda: (sum(translate(p) for p in work_items), sum(map(len, work_items))))


# --- ours ------------------------------------------------------------------------------------


class Probe:
    """What reaches CTranslate2 from the pipeline: each batch (for the replay), the time inside
    CTranslate2, and which batches are the glossary's extra passes."""

    def __init__(self, engine):
        from translate.engines.marian_vocab import EOS

        self.engine, self.eos = engine, EOS
        self.batches: list[tuple[list[list[str]], int]] = []
        self.inside = {"first": 0.0, "glossary": 0.0}
        self.tokens = {"first": 0, "glossary": 0}
        self.phase = "first"
        self.raw = engine.translator.translate_batch
        generate = engine._generate

        def recording(pieces, caps):
            self.batches.append(([[*engine._prefix, *p.tokens, self.eos] for p in pieces], max(caps)))
            before = engine.tokens_generated
            began = time.perf_counter()
            try:
                return generate(pieces, caps)
            finally:
                self.inside[self.phase] += time.perf_counter() - began
                self.tokens[self.phase] += engine.tokens_generated - before

        engine._generate = recording

    @contextlib.contextmanager
    def glossary_pass(self):
        self.phase = "glossary"
        try:
            yield
        finally:
            self.phase = "first"

    def reset(self) -> None:
        self.batches.clear()
        self.inside = dict.fromkeys(self.inside, 0.0)
        self.tokens = dict.fromkeys(self.tokens, 0)

    def replay(self) -> dict:
        """The same batches through raw CTranslate2, with the engine's settings (cold or warm as the engine is)."""
        settings = self.engine.spec.generation

        def work():
            for source, cap in self.batches:
                self.raw(source, beam_size=settings.num_beams, max_decoding_length=cap, max_input_length=0,
                         no_repeat_ngram_size=settings.no_repeat_ngram_size,
                         repetition_penalty=settings.repetition_penalty, suppress_sequences=self.engine._suppressed)
            return 0, len(self.batches)

        return _timed(work)

    def replay_split(self, inter: int, intra: int) -> dict:
        """The same batches through a CTranslate2 model loaded with ``inter`` × ``intra`` threads, all
        queued at once (asynchronous), so that ``inter`` batches decode side by side."""
        import ctranslate2

        settings = self.engine.spec.generation
        translator = ctranslate2.Translator(str(self.engine.model_dir), compute_type=self.engine.compute_type,
                                            inter_threads=inter, intra_threads=intra)

        def work():
            pending = [translator.translate_batch(source, beam_size=settings.num_beams, max_decoding_length=cap,
                                                  max_input_length=0, no_repeat_ngram_size=settings.no_repeat_ngram_size,
                                                  asynchronous=True) for source, cap in self.batches]
            return 0, sum(len([result.result() for result in batch]) for batch in pending)

        work()  # warm, as the engine is
        return _timed(work)


def run_ours(args, model: Path) -> dict:
    from translate.config import load_config
    from translate.glossary import enforce
    from translate.memory import TranslationMemory
    from translate.pipeline import chain
    from translate.pipeline.batch import Batch, BatchOptions, Source
    from translate.pipeline.runner import Pipeline

    workdir = Path(args.workdir)
    config = load_config(write_config(workdir / "bench.toml", args, model))
    # Each output capped at exactly --target-tokens, as the peers force it: no length ratio (the
    # configuration accepts 0.1 at least, a user's safety margin; the benchmark wants none).
    config = dataclasses.replace(config, generation=dataclasses.replace(config.generation, max_length_ratio=0.0))
    paths = sorted(Path(args.articles).glob("*.txt"))
    engine = chain.load_engine("ctranslate2", chain.engine_specs(config, "en", TARGET)[0])
    engine.translator  # noqa: B018 - the model loads on first use; load it before timing
    chain.load_engine = lambda name, spec: engine  # every pass below reuses this engine
    probe = Probe(engine)
    protected_round = enforce.GlossaryTranslator._protected_round

    def counted(self, *a, **k):
        with probe.glossary_pass():
            return protected_round(self, *a, **k)

    enforce.GlossaryTranslator._protected_round = counted
    sentences = sorted((s for p in paragraphs(articles()) for s in p), key=len, reverse=True)
    engine.translate(sentences[: engine.spec.generation.batch_size])  # warm-up, as every configuration gets
    probe.reset()

    def batch(memory_file: str, out: str) -> dict:
        """What `translate batch ARTICLES -o OUT` does after loading; (first-pass tokens, segments)."""
        def work():
            memory = TranslationMemory(workdir / memory_file)
            pipeline = Pipeline(config, engine="ctranslate2", memory=memory)
            outcomes = Batch(pipeline, BatchOptions([TARGET], "en", workdir / out, force=True)).run(
                [Source(path, Path(path.name)) for path in paths])
            memory.close()
            failed = [outcome.error for outcome in outcomes if outcome.status == "failed"]
            if failed:
                raise SystemExit(f"the pipeline failed: {failed[:3]}")
            return probe.tokens["first"], sum(outcome.segments for outcome in outcomes)

        result = _timed(work)
        result.update(inside=dict(probe.inside), glossary_tokens=probe.tokens["glossary"], batches=len(probe.batches),
                      mean_batch=statistics.mean(len(s) for s, _ in probe.batches) if probe.batches else 0)
        return result

    cold = batch("memory.sqlite", "out-1")
    cold["replay"] = probe.replay()
    probe.reset()
    warm = batch("memory-2.sqlite", "out-2")  # CTranslate2 warm, the memory fresh again
    warm["replay"] = probe.replay()
    # How to split this machine's threads between batches (inter) and within one (intra), on ours's batches.
    threads = args.threads
    splits = {f"{inter}×{threads // inter}": probe.replay_split(inter, threads // inter)
              for inter in (1, 2) if threads % inter == 0}
    probe.reset()
    memory = batch("memory.sqlite", "out-3")  # the first pass's memory: nothing left for the engine
    return {"cold": cold, "warm": warm, "warm_tm": memory, "splits": splits}


# --- the parent: one process per configuration ---------------------------------------------------


def measure(command: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in bytes) of ``command`` run as a child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return time.perf_counter() - started, usage.ru_maxrss * 1024


def child(args) -> None:
    model = Path(args.model)
    if args.child == "build":
        ensure_model(Path(args.cache_dir))
        return
    runners = {"easynmt": run_easynmt, "argos-int8": lambda a, m: run_argos(a, m, "int8"),
               "argos-float32": lambda a, m: run_argos(a, m, "float32"), "ours": run_ours}
    Path(args.json).write_text(json.dumps(runners[args.child](args, model)), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", type=Path, default=Path("~/.cache/translate-bench").expanduser())
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--target-tokens", type=int, default=40)
    parser.add_argument("--baseline-articles", type=int, default=12, help="articles (4 sentences each) for the peers")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-batch-tokens", type=int, default=1536)
    parser.add_argument("--compute-type", default="auto", help="ours: the configuration's compute_type")
    parser.add_argument("--quick", action="store_true", help="4 baseline articles, 10 target tokens: a smoke run")
    parser.add_argument("--json-out", type=Path, help="also write the results here")
    for hidden in ("--child", "--model", "--articles", "--workdir", "--json"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.quick:
        args.baseline_articles, args.target_tokens = 4, 10
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    # Built in a child: a parent that imported torch would pass its memory on to every child's peak RSS.
    measure([sys.executable, __file__, "--child", "build", "--cache-dir", str(args.cache_dir), "--model", "-"])
    workdir = Path(tempfile.mkdtemp(prefix="throughput-"))
    try:
        results = run_all(args, args.cache_dir / MODEL_VERSION, workdir)
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
    common = ["--model", str(model), "--articles", str(article_dir), "--workdir", str(workdir)]
    for name in ("--beams", "--threads", "--target-tokens", "--baseline-articles", "--compute-type", "--batch-size",
                 "--max-batch-tokens"):
        common += [name, str(getattr(args, name.lstrip("-").replace("-", "_")))]
    results: dict[str, object] = {"load_before": os.getloadavg()}
    for name in ("easynmt", "argos-int8", "argos-float32", "ours"):
        print(f"{name}… (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
        out = workdir / f"{name}.json"
        _, rss = measure([sys.executable, __file__, "--child", name, "--json", str(out), *common])
        results[name] = {**json.loads(out.read_text()), "rss": rss}
    results["load_after"] = os.getloadavg()
    return results


def report(args, results: dict) -> None:
    def rate(r: dict, clock: str = "seconds") -> float:
        return r["tokens"] / r[clock] if r[clock] else 0.0

    peers = {name: results[name] for name in ("easynmt", "argos-int8", "argos-float32")}
    argos = max(("argos-int8", "argos-float32"), key=lambda name: rate(results[name]))
    best = max(("easynmt", argos), key=lambda name: rate(results[name]))
    ours = results["ours"]
    cold, warm, warm_tm = ours["cold"], ours["warm"], ours["warm_tm"]
    print(f"\nOpus-MT-sized random model, en→{TARGET}, beam {args.beams}, {args.threads} threads, "
          f"{args.target_tokens} target tokens per sentence; ours: batch {args.batch_size} / {args.max_batch_tokens} "
          f"tokens, compute type {args.compute_type}, glossary and quantities on, 50 articles; peers: "
          f"{args.baseline_articles} articles. Load average {results['load_before'][0]:.1f} before, "
          f"{results['load_after'][0]:.1f} after, on {os.cpu_count()} CPUs.")
    print(f"{'configuration':44}{'tok/s':>7}{'tok/CPU-s':>10}{'× peer':>8}{'× peer CPU':>11}{'peak RSS':>10}{'s':>7}")

    def row(label: str, r: dict, rss: int | None) -> None:
        ratio = rate(r) / rate(results[best])
        cpu_ratio = rate(r, "cpu") / rate(results[best], "cpu")
        memory = f"{rss / 2**20:8.0f}MB" if rss else f"{'':10}"
        print(f"{label:44}{rate(r):7.0f}{rate(r, 'cpu'):10.0f}{ratio:8.2f}{cpu_ratio:11.2f}{memory}{r['seconds']:7.1f}")

    for name, label in (("easynmt", "EasyNMT-style (transformers, sorted, 16)"),
                        ("argos-int8", "Argos-style (CTranslate2/paragraph), int8"),
                        ("argos-float32", "Argos-style (CTranslate2/paragraph), float32")):
        row(label + (" *" if name == best else ""), peers[name], peers[name]["rss"])
    row("ours: translate batch, fresh memory", cold, ours["rss"])
    row("ours: the same again (CTranslate2 warm)", warm, None)
    print(f"{'ours: warm memory (all 50 articles)':44}{'':7}{'':10}{'':8}{'':11}{'':10}{warm_tm['seconds']:7.1f}"
          f"   {warm_tm['sentences'] / warm_tm['seconds']:.0f} segments/s, {warm_tm['batches']} engine batches")
    print(f"    * the faster peer style; ours counts its first pass over each segment ({cold['tokens']} tokens); "
          f"{cold['batches']} engine batches of {cold['mean_batch']:.1f} on average")

    def overhead(r: dict) -> tuple[float, float]:
        return r["seconds"] / r["replay"]["seconds"], r["cpu"] / r["replay"]["cpu"]

    engine_time = cold["inside"]["first"] + cold["inside"]["glossary"]
    print(f"    raw CTranslate2 on ours's batches: {cold['replay']['seconds']:.1f} s cold, {warm['replay']['seconds']:.1f} s"
          f" warm; ours / raw: {overhead(cold)[0]:.2f} cold, {overhead(warm)[0]:.2f} warm (CPU: {overhead(cold)[1]:.2f},"
          f" {overhead(warm)[1]:.2f}); time inside CTranslate2: {engine_time / cold['seconds']:.0%} of ours")
    print(f"    glossary's extra passes: {cold['glossary_tokens']} tokens, {cold['inside']['glossary']:.1f} s = "
          f"{cold['inside']['glossary'] / engine_time:.0%} of the time inside CTranslate2")
    splits = ours.get("splits", {})
    if splits:
        print("    inter × intra threads, ours's warm batches queued at once through raw CTranslate2: " + ", ".join(
            f"{name} {r['seconds']:.1f} s ({r['cpu']:.1f} CPU-s)" for name, r in splits.items()))
    print("\nGoals:")
    goals = [
        (f"ours ≥ 3× the faster peer style ({best}), tokens/s", rate(cold) / rate(results[best]), 3.0, True),
        ("  the same per CPU-second", rate(cold, "cpu") / rate(results[best], "cpu"), 3.0, True),
        ("ours / raw CTranslate2 on the same batches ≤ 1.05 (warm)", overhead(warm)[0], 1.05, False),
        ("  the same, cold", overhead(cold)[0], 1.05, False),
    ]
    for label, value, limit, at_least in goals:
        met = value >= limit if at_least else value <= limit
        print(f"  {'met ' if met else 'MISS'}  {label}: {value:.2f}")


if __name__ == "__main__":
    main()
