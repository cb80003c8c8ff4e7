"""Check benchmarks/data/pages-dev-labels.toml against the pages it labels.

The pages are third-party text kept outside the repository (``<repo>/../shared/eval/pages-dev``;
override with ``--pages-dir`` or $TRANSLATE_PAGES_DEV). This script holds no page text: it
checks the labels' structure against the files and prints a per-page summary.

    python3 benchmarks/data/check_labels.py [--labels FILE] [--pages-dir DIR]

Exit status 0 when every check passes, 1 otherwise, 2 when the pages folder is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_LABELS = HERE / "pages-dev-labels.toml"
DEFAULT_PAGES = REPO.parent / "shared" / "eval" / "pages-dev"

LABELS = {"url", "title", "caption", "body", "chrome"}
ROLES = {
    "accessibility-heading", "ticker-label", "category", "badge", "player-title",
    "player-status", "player-no-media", "player-time", "amp-fallback", "live-timestamp",
    "author", "comments-heading", "breakpoints", "date-token",
}
KINDS = {"subhead", "bullet", "standfirst", "entry-heading"}
PAGE_KEYS = {"file", "language", "site", "complete", "lines"}
ENTRY_KEYS = {"line", "start", "label", "role", "repeat_of", "language", "truncated", "kind"}
# Formats (not page text) that some roles must match.
ROLE_FORMATS = {
    "date-token": re.compile(r" date \d{4}-\d{2}(-\d{2})? "),
    "player-time": re.compile(r"\d+:\d{2} \d+:\d{2}:\d{2} \d+:\d{2}"),
    "live-timestamp": re.compile(r"\d{1,2}:\d{2} \d{1,2}\.\d{1,2}\.\d{4}"),
    "breakpoints": re.compile(r"XS|SM|MD|LG"),
}
WORDLESS_ROLES = {"date-token", "player-time", "live-timestamp", "breakpoints"}
LANG = re.compile(r"[a-z]{2,3}")


def check_page(page: dict, pages_dir: Path, errors: list[str]) -> Counter | None:
    def err(msg: str) -> None:
        errors.append(f"{page.get('file', '?')}: {msg}")

    for key in page.keys() - PAGE_KEYS:
        err(f"unknown page key {key!r}")
    for key in PAGE_KEYS - page.keys():
        err(f"missing page key {key!r}")
    if not PAGE_KEYS <= page.keys():
        return None
    path = pages_dir / page["file"]
    if not path.is_file():
        err("file not found")
        return None
    name_lang = page["file"].split("_")[1]
    if page["language"] != name_lang:
        err(f"language {page['language']!r} differs from the file name's {name_lang!r}")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")

    by_line: dict[int, list[dict]] = {}
    for entry in page["lines"]:
        for key in entry.keys() - ENTRY_KEYS:
            err(f"line {entry.get('line')}: unknown key {key!r}")
        n = entry.get("line")
        if not isinstance(n, int) or not 1 <= n <= len(lines):
            err(f"line number {n!r} out of range 1..{len(lines)}")
            continue
        by_line.setdefault(n, []).append(entry)

    # Every non-empty line covered exactly once; blank lines not listed.
    for n, raw in enumerate(lines, 1):
        if raw.strip() and n not in by_line:
            err(f"line {n}: non-empty line not labelled")
        if not raw.strip() and n in by_line:
            err(f"line {n}: blank line labelled")

    # Resolve each entry to its text part.
    parts: dict[int, list[tuple[dict, str]]] = {}
    for n, entries in sorted(by_line.items()):
        raw = lines[n - 1]
        if len(entries) == 1 and "start" not in entries[0]:
            parts[n] = [(entries[0], raw)]
            continue
        if any("start" not in e for e in entries):
            err(f"line {n}: listed more than once, not every entry has a start column")
            continue
        if len(entries) < 2:
            err(f"line {n}: a single entry with a start column (give the whole line instead)")
            continue
        starts = [e["start"] for e in entries]
        if starts[0] != 0:
            err(f"line {n}: first part does not start at column 0")
        if any(b <= a for a, b in zip(starts, starts[1:])):
            err(f"line {n}: start columns not strictly increasing: {starts}")
            continue
        if starts[-1] >= len(raw):
            err(f"line {n}: start column {starts[-1]} beyond line length {len(raw)}")
            continue
        ends = starts[1:] + [len(raw)]
        pieces = []
        for e, a, b in zip(entries, starts, ends):
            piece = raw[a:b]
            if not piece.strip():
                err(f"line {n}: part at column {a} is blank")
            if a > 0 and raw[a].isspace():
                err(f"line {n}: part at column {a} begins with a space")
            if a > 0 and not raw[a - 1].isspace() and e.get("role") != "date-token":
                # parts glued without a space are allowed but worth a look
                print(f"  note: {page['file']} line {n}: part at column {a} follows a non-space")
            pieces.append((e, piece))
        parts[n] = pieces

    counts: Counter = Counter()
    last_nonempty = max((n for n, raw in enumerate(lines, 1) if raw.strip()), default=0)
    first_text: dict[str, int] = {}
    for n in sorted(parts):
        for entry, piece in parts[n]:
            label, role = entry.get("label"), entry.get("role")
            where = f"line {n}" + (f" col {entry['start']}" if "start" in entry else "")
            if label not in LABELS:
                err(f"{where}: unknown label {label!r}")
                continue
            if (label == "url") != (n == 1):
                err(f"{where}: the url label belongs to line 1 and line 1 only")
            if label == "chrome":
                if role not in ROLES:
                    err(f"{where}: chrome needs a role from the vocabulary, got {role!r}")
                elif role in ROLE_FORMATS and not ROLE_FORMATS[role].fullmatch(piece):
                    err(f"{where}: text does not have the {role} format")
            elif role is not None:
                err(f"{where}: role given on a {label} entry")
            if "kind" in entry and (label != "body" or entry["kind"] not in KINDS):
                err(f"{where}: kind {entry['kind']!r} (only on body, from {sorted(KINDS)})")
            if "language" in entry:
                lang = entry["language"]
                if not isinstance(lang, str) or not LANG.fullmatch(lang):
                    err(f"{where}: bad language code {lang!r}")
                elif lang == page["language"]:
                    err(f"{where}: language given equals the page's (omit it)")
                if label == "url" or role in WORDLESS_ROLES:
                    err(f"{where}: language on an entry without words")
            if entry.get("truncated"):
                if page["complete"]:
                    err(f"{where}: truncated on a complete page")
                if n != last_nonempty or label != "body":
                    err(f"{where}: truncated must be on the last non-empty line, a body line")
            elif "truncated" in entry:
                err(f"{where}: write truncated = true or leave it out")
            key = piece.strip()
            if "repeat_of" in entry:
                m = entry["repeat_of"]
                target = parts.get(m) if isinstance(m, int) else None
                if not target or m >= n:
                    err(f"{where}: repeat_of {m!r} does not point at an earlier labelled line")
                elif len(target) != 1 or len(parts[n]) != 1:
                    err(f"{where}: repeat_of between split lines is not supported")
                else:
                    t_entry, t_piece = target[0]
                    if "repeat_of" in t_entry:
                        err(f"{where}: repeat_of points at a repeat; point at the first")
                    for k in ("label", "role", "language", "kind"):
                        if t_entry.get(k) != entry.get(k):
                            err(f"{where}: {k} differs from line {m}'s")
                    if t_piece.strip() != key:
                        err(f"{where}: text differs from line {m}'s")
                counts["repeat"] += 1
            elif key in first_text and label != "url":
                err(f"{where}: same text as line {first_text[key]} but no repeat_of")
            first_text.setdefault(key, n)
            counts[label] += 1
    if page["complete"] is False and not any(
        e.get("truncated") for n in parts for e, _ in parts[n]
    ):
        err("partial page without a truncated last line")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument(
        "--pages-dir", type=Path,
        default=Path(os.environ.get("TRANSLATE_PAGES_DEV", DEFAULT_PAGES)),
    )
    args = ap.parse_args(argv)
    if not args.pages_dir.is_dir():
        print(f"pages folder not found: {args.pages_dir}", file=sys.stderr)
        return 2
    with args.labels.open("rb") as fh:
        data = tomllib.load(fh)
    errors: list[str] = []
    pages = data.get("page", [])
    listed = [p.get("file") for p in pages]
    on_disk = sorted(p.name for p in args.pages_dir.glob("*.txt"))
    for name in sorted(set(on_disk) - set(listed)):
        errors.append(f"{name}: page on disk but not labelled")
    for name in [n for n, c in Counter(listed).items() if c > 1]:
        errors.append(f"{name}: labelled more than once")

    cols = ["chrome", "title", "caption", "body", "repeat"]
    print(f"{'file':<46} {'lang':<4} {'done':<4} " + " ".join(f"{c:>7}" for c in cols))
    total: Counter = Counter()
    for page in pages:
        counts = check_page(page, args.pages_dir, errors)
        if counts is None:
            continue
        total.update(counts)
        print(
            f"{page['file'][:46]:<46} {page['language']:<4} "
            f"{'yes' if page['complete'] else 'no':<4} "
            + " ".join(f"{counts[c]:>7}" for c in cols)
        )
    print(f"{'total':<56} " + " ".join(f"{total[c]:>7}" for c in cols))
    print("(counts are entries: a line split by columns counts once per part;"
          " repeats are counted in their label too)")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
