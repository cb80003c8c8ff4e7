"""JSON Lines at the desk (issue 14, point 6): the size limit is per article (line), not per
file, and the advice for a missing field is one that works."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from translate.cli import main
from translate.errors import ExitCode
from translate.io.formats import MAX_ARTICLE_BYTES
from translate.io.readers import parse_bytes, read_bytes


def batch(*args: object):
    return CliRunner().invoke(main, ["batch", *map(str, args), "--engine", "pseudo"])


def outcomes(out: Path) -> list[dict]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outcomes"]


def test_a_file_of_20000_small_articles_is_read_and_an_oversized_line_fails_alone(tmp_path):
    lines = [json.dumps({"id": n, "title": f"Brief {n}", "text": f"Officials met in Yerevan on day {n} of the talks."})
             for n in range(20_000)]
    lines[123] = json.dumps({"id": "huge", "text": "Word " * (MAX_ARTICLE_BYTES // 5 + 10)})
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 1.5 * MAX_ARTICLE_BYTES  # refused whole before, "too large for one article"
    result = parse_bytes(read_bytes(path), path, "en")
    assert len(result.documents) == 19_999
    [(article, message)] = result.errors
    assert article == f"{path}:124" and "too large for one article" in message


def test_in_a_batch_the_oversized_line_fails_and_the_others_are_translated(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([json.dumps({"id": "a", "text": "The talks went on."}),
                               json.dumps({"id": "big", "text": "Word " * (MAX_ARTICLE_BYTES // 5 + 10)}),
                               json.dumps({"id": "c", "text": "Baku said nothing."})]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = batch(path, "--to", "hy", "-o", out)
    assert result.exit_code == ExitCode.PARTIAL, result.output
    by_status = {(o["status"], o["article"]) for o in outcomes(out)}
    assert ("failed", f"{path}:2") in by_status
    assert {status for status, article in by_status if article is None} <= {"translated", "flagged"}
    written = [json.loads(line)["id"] for line in (out / "feed.hy.jsonl").read_text(encoding="utf-8").splitlines()]
    assert written == ["a", "c"]


def test_the_advice_for_a_missing_field_works(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "headline": "Border Talks", "body": "The talks went on."}) + "\n",
                    encoding="utf-8")
    result = batch(path, "--to", "hy", "-o", tmp_path / "first")
    assert result.exit_code == ExitCode.INPUT, result.output
    [failure] = [o["error"] for o in outcomes(tmp_path / "first") if o["status"] == "failed"]
    assert "--text-field" in failure and "[jsonl]" in failure
    # Either way the message names works: the options, or the configuration's [jsonl] table.
    assert batch(path, "--to", "hy", "-o", tmp_path / "options", "--text-field", "body",
                 "--title-field", "headline").exit_code == 0
    config = tmp_path / "desk.toml"
    config.write_text('[jsonl]\ntext_field = "body"\ntitle_field = "headline"\n', encoding="utf-8")
    result = batch(path, "--to", "hy", "-o", tmp_path / "config", "--config", config)
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "config" / "feed.hy.jsonl").read_text(encoding="utf-8"))
    assert record["headline"].startswith("[hy: ") and record["body"].startswith("[hy: ")
