"""Issue 14's acceptance: a batch of 500 mixed files (txt, md, html, JSON Lines with one file of
20,000 articles, bad files among them) with ``-j 2``, killed twice with SIGKILL at different
moments and rerun, ends with every good input translated exactly once, the manifest complete,
and nothing else in the output folder touched."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BIG_LINES = 20_000
TOPICS = ["border talks", "gas prices", "the new bridge", "the election", "the base", "a court ruling"]
PLACES = ["Yerevan", "Moscow", "Baku", "Tbilisi", "Gyumri", "Vanadzor"]


def sentence(number: int) -> str:
    return f"Officials in {PLACES[number % 6]} discussed {TOPICS[number // 6 % 6]} again."


def write_inputs(folder: Path) -> tuple[set[str], set[str]]:
    """490 good files and 10 bad ones; (good, bad) names relative to ``folder``."""
    good: dict[str, str | bytes] = {}
    for number in range(150):
        good[f"txt/{number:03d}.txt"] = f"Story {number}\n\n{sentence(number)}\n"
        good[f"md/{number:03d}.md"] = f"# Story {number}\n\n{sentence(number + 1)} *Really.*\n"
    for number in range(149):
        good[f"html/{number:03d}.html"] = (f"<html><body><article><h1>Story {number}</h1><p>{sentence(number + 2)}</p>"
                                           "</article></body></html>\n")
    for number in range(40):
        good[f"feeds/small-{number:02d}.jsonl"] = "".join(
            json.dumps({"id": f"s{number}-{line}", "text": sentence(number + line)}) + "\n" for line in range(3))
    lines = [json.dumps({"id": line, "text": sentence(line)}) for line in range(BIG_LINES)]
    lines[7_000] = json.dumps({"id": "oversized", "text": "Words. " * 300_000})  # 2.1 MB: this line fails alone
    good["feeds/big.jsonl"] = "\n".join(lines) + "\n"
    bad: dict[str, str | bytes] = {
        "bad/empty.txt": b"",
        "bad/image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "bad/latin1.txt": "Caf\xe9 Yerevan".encode("latin-1"),
        "bad/huge.txt": b"Officials said " + b"x" * 2_500_000,
        "bad/empty.html": b"   ",
        "bad/broken.jsonl": b'{"id": 1, "text": "A good line."}\n{not json\n',
        "bad/" + "n" * 246 + ".txt": "A name too long for its outputs.\n",
    }
    for name, content in {**good, **bad}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    os.mkfifo(folder / "bad" / "pipe.txt")
    (folder / "bad" / "gone.md").symlink_to(folder / "deleted.md")
    (folder / "bad" / "gone.html").symlink_to(folder / "deleted.html")
    bad_names = set(bad) | {"bad/pipe.txt", "bad/gone.md", "bad/gone.html"}
    assert len(good) + len(bad_names) == 500
    return set(good), bad_names


def user_files(out: Path) -> dict[Path, bytes]:
    """Files a user keeps in the output folder, placed there before the first run."""
    files = {out / "notes.txt": b"my notes", out / ".something.tmp": b"mine", out / ".draft.txt.abcdefgh.tmp": b"mine",
             out / "txt" / "keep.me": b"mine too", out / "md" / ".000.hy.md.k2j4h5g6.tmp": b"our name, not ours"}
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return files


def done_outputs(out: Path) -> dict[Path, tuple[int, int]]:
    """Outputs that a report vouches for, with (inode, mtime): a rewrite changes both."""
    done = {}
    for report in out.rglob("*.report.json"):
        output = report.with_name(report.name[: -len(".report.json")])
        if output.exists():
            status = output.stat()
            done[output] = (status.st_ino, status.st_mtime_ns)
    return done


def run_until(command: list[str], out: Path, enough, timeout: float = 240) -> None:
    """Start the batch, SIGKILL it once ``enough(reports so far)`` holds."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "HF_HUB_OFFLINE": "1"})
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if enough(len(list(out.rglob("*.report.json")))):
                break
            time.sleep(0.02)
        assert process.poll() is None, "the batch finished before it could be killed"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


@pytest.mark.slow
def test_a_batch_killed_twice_ends_complete_with_each_input_translated_once(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    good, bad = write_inputs(folder)
    users = user_files(out)
    command = [sys.executable, "-m", "translate", "batch", str(folder), "--to", "hy", "-o", str(out),
               "--engine", "pseudo", "-j", "2"]

    run_until(command, out, lambda reports: reports >= 20)  # early: the first chunks
    first = done_outputs(out)
    run_until(command, out, lambda reports: reports >= len(first) + 150)  # later, elsewhere in the run
    second = done_outputs(out)
    assert set(first) <= set(second) and all(second[path] == first[path] for path in first)

    result = subprocess.run(command, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 1, result.stderr[-3000:]  # the bad files fail; everything else is done
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["finished"] is not None

    # Every input accounted for; each good file translated once, into its own output.
    by_input: dict[str, list[dict]] = {}
    for outcome in manifest["outcomes"]:
        by_input.setdefault(Path(outcome["input"]).relative_to(folder).as_posix(), []).append(outcome)
    assert set(by_input) == good | bad
    outputs = set()
    for name in good:
        whole = [o for o in by_input[name] if o["article"] is None]
        assert len(whole) == 1 and whole[0]["status"] in {"translated", "flagged", "skipped"}, (name, whole)
        outputs.add(whole[0]["output"])
        assert Path(whole[0]["output"]).exists()
    assert len(outputs) == len(good)
    big = by_input["feeds/big.jsonl"]
    assert [o["article"] for o in big if o["status"] == "failed"] == [f"{folder}/feeds/big.jsonl:7001"]
    big_output = Path(next(o["output"] for o in big if o["output"])).read_text(encoding="utf-8")
    assert big_output.count("\n") == BIG_LINES - 1
    for name in bad - {"bad/broken.jsonl"}:
        assert {o["status"] for o in by_input[name]} == {"failed"}, name
    statuses = [o["status"] for outcomes in by_input.values() for o in outcomes if o["article"] is None]
    assert statuses.count("skipped") >= len(second)

    # Done before a kill means never rewritten after it (same inode, same time).
    final = done_outputs(out)
    assert all(final[path] == stamp for path, stamp in second.items())
    assert len(final) == len(good) + 1  # and the good line of broken.jsonl

    # Nothing else in OUT touched: the user's files as they were, nothing of ours left over.
    assert all(path.read_bytes() == content for path, content in users.items())
    ours = {Path(o) for o in outputs} | {p for p in final} | {out / "manifest.json", out / "report.html"}
    expected_suffixes = ("", ".report.json", ".report.html")
    for path in out.rglob("*"):
        if path.is_dir() or path in users or out / ".translate" in path.parents:
            continue
        base = next((path.with_name(path.name[: -len(s)]) for s in expected_suffixes[1:] if path.name.endswith(s)), path)
        assert base in ours, f"unexpected file in OUT: {path}"
