"""Pangea pages benchmark: the segmenter on real pages of the network, scored against our labels.

Reads the pages (``<repo>/../shared/eval/pages-dev``; ``--pages-dir`` or $TRANSLATE_PAGES_DEV)
and our own annotation of them (``benchmarks/data/pages-dev-labels.toml``: labels, line
numbers and columns, no page text), segments each page as ``translate run`` does (language
not given, the shipped UI catalogs) and prints, per page:

- chrome lines leaked: chrome (and URL) parts any character of which reaches the engine;
- article lines lost: title, caption and body parts any character of which does not;
- titles and captions recognised: parts that land in a TITLE / CAPTION block;
- repeats sent once: a block printed again reaches the engine once in all (chrome never);
- language: the article's language as identified.

The store's ``" date YYYY-MM-DD "`` annotation at the start of files 05-07 is not page text:
it is blanked (spaces, so columns stay) before segmenting, as the pages' README says.

    python3 benchmarks/pages.py [--pages-dir DIR] [--labels FILE] [--structure-only]

Exit status 0 when every page meets the acceptance criteria, 1 otherwise; it says so and
exits 0 when the pages folder is absent (it is not part of the repository).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from translate.document import BlockKind, Document
from translate.io.readers import read_text
from translate.segmentation import segment_document

DEFAULT_LABELS = REPO / "benchmarks" / "data" / "pages-dev-labels.toml"
DEFAULT_PAGES = REPO.parent / "shared" / "eval" / "pages-dev"
_DATE_TOKEN = re.compile(r"(?m)^ date \d{4}-\d{2}(?:-\d{2})? ")
ARTICLE_LABELS = ("title", "caption", "body")


@dataclass
class PageScore:
    file: str
    language: str
    detected: str | None = None
    chrome: int = 0
    leaked: list[str] = field(default_factory=list)
    article: int = 0
    lost: list[str] = field(default_factory=list)
    titles: int = 0
    titles_found: int = 0
    captions: int = 0
    captions_found: int = 0
    repeats: int = 0
    repeats_once: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return (not self.leaked and not self.lost and self.titles_found == self.titles
                and self.captions_found == self.captions and self.repeats_once == self.repeats
                and self.detected == self.language)


def blank_date_token(text: str) -> str:
    """The store's date annotation replaced by as many spaces (columns stay)."""
    return _DATE_TOKEN.sub(lambda match: " " * len(match.group()), text)


def _covered(document: Document) -> tuple[set[int], dict[BlockKind, set[int]]]:
    """Character positions sent to the engine, and those of each block kind."""
    sent: set[int] = set()
    for segment in document.translatable_segments():
        sent.update(range(segment.start, segment.end))
    kinds: dict[BlockKind, set[int]] = {}
    for block in document.blocks:
        kinds.setdefault(block.kind, set()).update(range(block.start, block.end))
    return sent, kinds


def _parts(page: dict, lines: list[str]) -> list[tuple[dict, int, int]]:
    """(entry, start, end) of each labelled part, as offsets into the page's text, stripped."""
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    by_line: dict[int, list[dict]] = {}
    for entry in page["lines"]:
        by_line.setdefault(entry["line"], []).append(entry)
    parts = []
    for number, entries in by_line.items():
        line = lines[number - 1]
        starts = [entry.get("start", 0) for entry in entries] + [len(line)]
        for entry, start, end in zip(entries, starts, starts[1:]):
            piece = line[start:end]
            left = start + len(piece) - len(piece.lstrip())
            right = start + len(piece.rstrip())
            parts.append((entry, offsets[number - 1] + left, offsets[number - 1] + right))
    return parts


def score_page(page: dict, text: str, catalogs=None) -> PageScore:
    """Segment ``text`` (the stored page) and score it against ``page`` (its labels)."""
    document = read_text(blank_date_token(text), name=page["file"])
    segment_document(document, catalogs=catalogs)
    sent, kinds = _covered(document)
    score = PageScore(page["file"], page["language"], document.language)
    parts = _parts(page, text.split("\n"))
    by_line = {entry["line"]: (entry, start, end) for entry, start, end in parts if "start" not in entry}

    def reached(start: int, end: int) -> int:
        return sum(1 for position in range(start, end) if position in sent and not text[position].isspace())

    for entry, start, end in parts:
        where = f"line {entry['line']}" + (f" col {entry['start']}" if "start" in entry else "")
        label = entry["label"]
        characters = sum(1 for position in range(start, end) if not text[position].isspace())
        if label in ("chrome", "url"):
            score.chrome += 1
            if reached(start, end):
                score.leaked.append(f"{where} ({entry.get('role', 'url')})")
        elif "repeat_of" not in entry:
            score.article += 1
            if reached(start, end) < characters:
                score.lost.append(f"{where} ({label})")
            if label in ("title", "caption"):
                found = all(position in kinds.get(BlockKind(label), set()) for position in range(start, end))
                setattr(score, f"{label}s", getattr(score, f"{label}s") + 1)
                setattr(score, f"{label}s_found", getattr(score, f"{label}s_found") + found)
                if not found:
                    score.misses.append(f"{where} ({label} not recognised)")
        if "repeat_of" in entry:
            score.repeats += 1
            first = by_line[entry["repeat_of"]]
            times = (reached(first[1], first[2]) > 0) + (reached(start, end) > 0)
            expected = 0 if label == "chrome" else 1
            if times == expected:
                score.repeats_once += 1
            else:
                score.misses.append(f"{where} (repeat of line {entry['repeat_of']} sent {times}×)")
    return score


def score_pages(pages_dir: Path, labels: Path = DEFAULT_LABELS, catalogs=None) -> list[PageScore]:
    with labels.open("rb") as handle:
        pages = tomllib.load(handle)["page"]
    return [score_page(page, (pages_dir / page["file"]).read_text(encoding="utf-8"), catalogs) for page in pages]


def render_table(scores: list[PageScore]) -> str:
    header = (f"{'page':<44} {'lang':<8} {'chrome leaked':>13} {'article lost':>12} "
              f"{'titles':>7} {'captions':>8} {'repeats':>7}")
    rows = [header, "-" * len(header)]

    def ratio(found: int, total: int) -> str:
        return f"{found}/{total}"

    for s in scores:
        language = s.language if s.detected == s.language else f"{s.detected}≠{s.language}"
        rows.append(f"{s.file[:44]:<44} {language:<8} {ratio(len(s.leaked), s.chrome):>13} "
                    f"{ratio(len(s.lost), s.article):>12} {ratio(s.titles_found, s.titles):>7} "
                    f"{ratio(s.captions_found, s.captions):>8} {ratio(s.repeats_once, s.repeats):>7}")
    total = PageScore("total", "")
    for s in scores:
        total.chrome += s.chrome
        total.leaked += s.leaked
        total.article += s.article
        total.lost += s.lost
        total.titles += s.titles
        total.titles_found += s.titles_found
        total.captions += s.captions
        total.captions_found += s.captions_found
        total.repeats += s.repeats
        total.repeats_once += s.repeats_once
    right = sum(s.detected == s.language for s in scores)
    rows.append("-" * len(header))
    rows.append(f"{'total':<44} {ratio(right, len(scores)):<8} {ratio(len(total.leaked), total.chrome):>13} "
                f"{ratio(len(total.lost), total.article):>12} {ratio(total.titles_found, total.titles):>7} "
                f"{ratio(total.captions_found, total.captions):>8} {ratio(total.repeats_once, total.repeats):>7}")
    rows.append("(chrome leaked / chrome and URL parts; article lost / title, caption and body parts; "
                "recognised / labelled; sent once / repeats; lang: detected, or detected≠labelled)")
    for s in scores:
        for problem in s.leaked:
            rows.append(f"  {s.file}: chrome leaked: {problem}")
        for problem in s.lost:
            rows.append(f"  {s.file}: article text lost: {problem}")
        for problem in s.misses:
            rows.append(f"  {s.file}: {problem}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages-dir", type=Path,
                        default=Path(os.environ.get("TRANSLATE_PAGES_DEV", DEFAULT_PAGES)))
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--structure-only", action="store_true",
                        help="No UI-string catalogs: what the structural rules find alone.")
    args = parser.parse_args(argv)
    if not args.pages_dir.is_dir():
        print(f"skipped: no pages folder at {args.pages_dir} (it is not part of the repository; "
              "pass --pages-dir or set TRANSLATE_PAGES_DEV)")
        return 0
    catalogs = None
    if args.structure_only:
        from translate.io.catalogs import UiCatalogs

        catalogs = UiCatalogs({})
    scores = score_pages(args.pages_dir, args.labels, catalogs)
    print(render_table(scores))
    passed = all(score.passed for score in scores)
    print("\nacceptance: " + ("met on every page" if passed else
                              f"NOT met on {sum(not s.passed for s in scores)} of {len(scores)} pages"))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
