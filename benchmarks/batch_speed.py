"""Engine throughput at the default decoding settings (beam 4, batch 32), for comparing code versions.

    python benchmarks/batch_speed.py --checkpoint DIR --engine ctranslate2
    python benchmarks/batch_speed.py --checkpoint DIR --engine marian --code /path/to/older/checkout

Translates the sentences of benchmarks/news_articles.txt (200, segmented as the pipeline
segments them) with one engine, in one call (the engine sorts and batches them), after a
warm-up, and prints one JSON line: seconds (wall and CPU: on a shared machine CPU time
compares better), target tokens kept, tokens/s, batches. Each
run is its own process; ``--code`` imports ``translate`` from another checkout (e.g. a
`git archive` of an older commit), so two versions compare on the same inputs and model.

Random weights never end a sentence, so every output runs to its cap (2 × input + 10
tokens by default): both versions keep the same tokens, and the time is the difference.
Build the models with `translate models build-tiny DIR --tokenizer TOKDIR` (tiny) or
``build_tiny_from_tokenizer(DIR, TOKDIR, full_size=True)`` (the checkpoint's real shape).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def sentences(code: Path) -> list[str]:
    from translate.document import Disposition
    from translate.io.readers import read_text
    from translate.segmentation import segment_document

    found = []
    for text in (HERE / "news_articles.txt").read_text(encoding="utf-8").split("\n---\n"):
        document = segment_document(read_text(text, language="en"))
        found += [s.mt_input for b in document.blocks if b.disposition is Disposition.TRANSLATE for s in b.segments]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", type=Path, required=True)
    parser.add_argument("--engine", choices=["marian", "ctranslate2"], required=True)
    parser.add_argument("--code", type=Path, default=HERE.parent, help="the checkout whose translate to import")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=200, help="sentences to translate")
    parser.add_argument("--target", default="mg", help="target language code for the spec")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from translate.engines import EngineSpec, GenerationSettings, load_engine

    texts = sentences(args.code)[: args.limit]
    generation = GenerationSettings(threads=args.threads)  # the defaults: beam 4, batch 32, int8 on ctranslate2
    engine = load_engine(args.engine, EngineSpec("en", args.target, str(args.checkpoint), None, generation))
    engine.translate(texts[:8])  # warm-up (loads the model)
    engine.tokens_generated, engine.batches_run = 0, []
    started, cpu = time.perf_counter(), time.process_time()
    engine.translate(texts)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({
        "code": str(args.code), "engine": args.engine, "checkpoint": args.checkpoint.name, "sentences": len(texts),
        "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "tokens": engine.tokens_generated,
        "tokens_per_s": round(engine.tokens_generated / seconds, 1), "batches": len(engine.batches_run),
    }))


if __name__ == "__main__":
    main()
