"""Glossary matching time for one article against glossaries of 100 and 10,000 entries.

    python benchmarks/glossary_matching.py [--article PATH] [--sizes 100,10000] [--runs 20]

The article defaults to the seed article in ``<repo>/../shared/seed`` (or
``$TRANSLATE_SHARED/seed``). Glossaries are the shipped newsroom glossary plus synthetic
entries (made-up names of one to four words, spelling variants, acronyms), so the
article's real terms are found among thousands of others. For comparison, the naive
approach (one regular expression per form, tried in turn) is timed once per size.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from translate.glossary.model import Entry, Glossary, GlossaryFile  # noqa: E402
from translate.glossary.store import parse_file  # noqa: E402
from translate.glossary.terms import find_terms, source_matcher  # noqa: E402

_SYLLABLES = ["ar", "ba", "ko", "vel", "min", "tas", "ro", "pe", "shan", "dor", "ix", "lu", "gra", "ven", "sol",
              "tri", "ka", "mer", "zo", "nu", "pol", "fa", "ste", "qui", "rin"]


def default_article() -> Path:
    shared = Path(os.environ.get("TRANSLATE_SHARED", REPO.parent / "shared"))
    articles = sorted((shared / "seed").glob("*.txt"))
    if not articles:
        raise SystemExit(f"no article in {shared / 'seed'}; pass --article PATH or set TRANSLATE_SHARED")
    return articles[0]


def synthetic_entries(count: int, rng: random.Random) -> list[Entry]:
    entries = []
    for number in range(count):
        words = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                 for _ in range(rng.randint(1, 4))]
        term = " ".join(words)
        variants = (term.replace("o", "ou", 1),) if "o" in term and rng.random() < 0.3 else ()
        short = ("".join(word[0] for word in words).upper() + str(number),) if len(words) > 2 else ()
        entries.append(Entry(id=f"synthetic-{number}", term=term, type="term", variants=variants, short=short))
    return entries


def naive_find(patterns: list[tuple[re.Pattern[str], str]], text: str) -> list[tuple[int, int]]:
    """The approach the matcher replaces: every form's regex over the text, then overlaps resolved."""
    spans = []
    for pattern, _ in patterns:
        spans.extend(match.span() for match in pattern.finditer(text))
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    chosen, cursor = [], 0
    for start, end in spans:
        if start >= cursor:
            chosen.append((start, end))
            cursor = end
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--article", type=Path, default=None)
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()
    article = arguments.article or default_article()
    text = article.read_text(encoding="utf-8")
    newsroom = parse_file(REPO / "glossaries" / "newsroom.toml").glossary
    print(f"article: {article.name} ({len(text):,} characters, {len(text.split()):,} words)")
    print(f"{'entries':>8} {'forms':>7} {'index build':>12} {'match/article':>14} {'matches':>8} {'naive regex loop':>17} {'(matches)':>9}")
    for size in (int(value) for value in arguments.sizes.split(",")):
        rng = random.Random(size)
        entries = list(newsroom.entries) + synthetic_entries(max(0, size - len(newsroom.entries)), rng)
        glossary = Glossary([GlossaryFile(Path("synthetic.toml"), "en", ("hy", "ru"), entries)])
        started = time.perf_counter()
        matcher = source_matcher(glossary)
        find_terms(glossary, "warm up")
        build = time.perf_counter() - started
        timings = []
        for _ in range(arguments.runs):
            started = time.perf_counter()
            matches = find_terms(glossary, text)
            timings.append(time.perf_counter() - started)
        forms = [(re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE), entry.id)
                 for entry in entries for form in entry.source_forms]
        started = time.perf_counter()
        naive = naive_find(forms, text)
        naive_time = time.perf_counter() - started
        print(f"{len(entries):>8,} {len(matcher):>7,} {build * 1000:>10.1f}ms {statistics.median(timings) * 1000:>12.2f}ms "
              f"{len(matches):>8} {naive_time * 1000:>15.1f}ms {len(naive):>9}")


if __name__ == "__main__":
    main()
