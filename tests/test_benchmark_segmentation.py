"""The segmentation benchmark runs on any directory of test vectors (a smoke test)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "segmentation.py"


@pytest.fixture
def bench_module():
    """benchmarks/segmentation.py as a module (named so as not to clash with pytest-benchmark)."""
    spec = importlib.util.spec_from_file_location("segmentation_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_prints_the_table(bench_module, tmp_path, capsys):
    vectors = tmp_path / "eval"
    vectors.mkdir()
    cases = [
        {"id": "1", "lang": "ru", "text": "Рост 5 млн долл. Инфляция ниже.",
         "sentences": ["Рост 5 млн долл.", "Инфляция ниже."]},
        {"id": "2", "lang": "hy", "text": "Որքա՜ն լավ է։ Այո։", "sentences": ["Որքա՜ն լավ է։", "Այո։"]},
    ]
    (vectors / "golden_ru.jsonl").write_text("\n".join(json.dumps(case, ensure_ascii=False) for case in cases))
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Armenia Votes\n\nPeople voted on Sunday. Turnout was low.\n", encoding="utf-8")
    status = bench_module.main(["--eval-dir", str(vectors), "--news-dir", str(news), "--seconds", "0.01"])
    output = capsys.readouterr().out
    row = next(line for line in output.splitlines() if line.startswith("golden_ru"))
    assert row.split("|")[1].split()[0] == "100.0"  # ours, first column
    assert "English news paragraphs (1 paragraphs, 2 sentences" in output
    assert "golden_en          ≥ 98 %     not measured" in output
    # The exit status also judges speed, which depends on the machine's load: not asserted here.
    assert status in (0, 1)
    assert "golden_ru          = 100 %     100.0 %  met" in output


def test_benchmark_missing_directory(bench_module, tmp_path):
    with pytest.raises(SystemExit):
        bench_module.main(["--eval-dir", str(tmp_path / "missing")])
