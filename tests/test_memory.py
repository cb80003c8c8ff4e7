"""Translation memory: hits and misses, what the key holds, limits, TMX, two writers at once."""

from __future__ import annotations

import json
import multiprocessing
import re
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.config import load_config
from translate.engines import Translator
from translate.errors import ConfigError, TranslationMemoryError
from translate.io.tmx import write_tmx
from translate.memory import (
    MemorySettings,
    MemoryTranslator,
    TranslationMemory,
    context_key,
    normalise,
)
from translate.pipeline.runner import Pipeline

GENERATION = {"num_beams": 4, "batch_size": 32, "max_batch_tokens": 1536, "threads": 0, "device": "cpu",
              "max_length_ratio": 2.0, "compute_type": "float32"}


class Recorder(Translator):
    """A translator that upper-cases and records every text it is asked for."""

    def __init__(self, source="en", target="hy", **signature):
        self.source, self.target = source, target
        self.calls: list[list[str]] = []
        self._signature = {"engine": "recorder", "checkpoint": "tiny", "generation": dict(GENERATION), **signature}

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [text.upper() for text in texts]

    def signature(self):
        return self._signature

    @property
    def asked(self) -> list[str]:
        return [text for call in self.calls for text in call]


@pytest.fixture
def memory(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        yield memory


def test_a_segment_is_translated_once(memory):
    recorder = Recorder()
    first = MemoryTranslator(recorder, memory)
    assert first.translate(["One.", "Two.", "One."]) == ["ONE.", "TWO.", "ONE."]
    assert (first.hits, first.misses) == (0, 2)
    again = MemoryTranslator(Recorder(), memory)
    assert again.translate(["Two.", "Three.", "One."]) == ["TWO.", "THREE.", "ONE."]
    assert (again.hits, again.misses) == (2, 1)
    assert again.inner.asked == ["Three."]
    assert recorder.asked == ["One.", "Two."]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("Lavrov  did\nnot comment.", "Lavrov did not comment.", id="whitespace"),
        pytest.param("Cafe\u0301 Yerevan", "Café Yerevan", id="unicode-nfd-nfc"),
        pytest.param(" Lavrov. ", "Lavrov.", id="outer-spaces"),
    ],
)
def test_segments_are_normalised_before_lookup(first, second, memory):
    MemoryTranslator(Recorder(), memory).translate([first])
    again = MemoryTranslator(Recorder(), memory)
    again.translate([second])
    assert (again.hits, again.misses) == (1, 0)
    assert normalise(first) == normalise(second)


@pytest.mark.parametrize(
    ("change", "hit"),
    [
        pytest.param({}, True, id="same-everything"),
        pytest.param({"generation": {**GENERATION, "batch_size": 8, "threads": 2}}, True, id="batch-size-and-threads"),
        pytest.param({"generation": {**GENERATION, "max_batch_tokens": 64, "device": "cuda"}}, True,
                     id="token-budget-and-device"),
        pytest.param({"generation": {**GENERATION, "num_beams": 1}}, False, id="beams"),
        pytest.param({"generation": {**GENERATION, "compute_type": "int8"}}, False, id="compute-type"),
        pytest.param({"engine": "other"}, False, id="engine"),
        pytest.param({"checkpoint": "other"}, False, id="checkpoint"),
        pytest.param({"revision": "abc"}, False, id="revision"),
        pytest.param({"glossary": "v2"}, False, id="glossary-version"),
        pytest.param({"target_token": ">>hye<<"}, False, id="target-token"),
    ],
)
def test_what_the_key_holds(change, hit, memory):
    MemoryTranslator(Recorder(), memory).translate(["Lavrov did not comment."])
    again = MemoryTranslator(Recorder(**change), memory)
    again.translate(["Lavrov did not comment."])
    assert again.hits == (1 if hit else 0)


@pytest.mark.parametrize(("source", "target"), [("en", "ru"), ("ru", "hy")], ids=["other-target", "other-source"])
def test_languages_are_in_the_key(source, target, memory):
    MemoryTranslator(Recorder(), memory).translate(["Lavrov."])
    again = MemoryTranslator(Recorder(source, target), memory)
    again.translate(["Lavrov."])
    assert again.misses == 1


def test_pivot_hops_keep_runtime_settings_out_of_the_key():
    hop = {"engine": "marian", "generation": dict(GENERATION)}
    faster = {"engine": "marian", "generation": {**GENERATION, "batch_size": 2}}
    assert context_key("hy", "ru", {"hops": [hop, hop]}) == context_key("hy", "ru", {"hops": [hop, faster]})


def test_blank_segments_are_neither_stored_nor_sent(memory):
    recorder = Recorder()
    wrapper = MemoryTranslator(recorder, memory)
    assert wrapper.translate(["", "  ", "One."]) == ["", "  ", "ONE."]
    assert recorder.asked == ["One."]
    assert memory.stats()["entries"] == 1


def test_hits_are_counted_in_the_memory(memory):
    for _ in range(3):
        MemoryTranslator(Recorder(), memory).translate(["One.", "Two."])
    stats = memory.stats()
    assert (stats["entries"], stats["hits"]) == (2, 4)
    assert stats["contexts"][0]["engine"] == "recorder"


def test_prune_removes_old_then_least_recently_used(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite", max_entries=2, max_age_days=10) as memory:
        context = memory.context("en", "hy", {"engine": "recorder"})
        memory.store(context, [("old", "OLD")])
        memory.connection.execute("UPDATE entries SET used = ?", (time.time() - 11 * 86400,))
        for name in ("a", "b", "c"):
            memory.store(context, [(name, name.upper())])
            time.sleep(0.01)
        memory.lookup(context, ["a"])  # used again: now the most recent
        assert memory.prune() == 2
        assert set(memory.lookup(context, ["old", "a", "b", "c"])) == {"a", "c"}


def test_tmx_export_is_valid_and_complete(memory, tmp_path):
    recorder = Recorder()
    MemoryTranslator(recorder, memory).translate(["Tom & Jerry <b>", "Bell\x07 rings"])
    MemoryTranslator(Recorder("en", "ru"), memory).translate(["Other pair."])
    path = tmp_path / "out.tmx"
    with path.open("w", encoding="utf-8") as stream:
        assert write_tmx(stream, memory.entries("en", "hy"), source_language="en") == (2, 0)
    root = ElementTree.parse(path).getroot()
    units = root.findall("./body/tu")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    pairs = {tuple(seg.text for seg in unit.findall("./tuv/seg")) for unit in units}
    assert pairs == {("Tom & Jerry <b>", "TOM & JERRY <B>"), ("Bell rings", "BELL RINGS")}
    assert {tuv.get(lang) for tuv in root.iter("tuv")} == {"en", "hy"}
    assert root.find("header").get("srclang") == "en"


def test_a_memory_of_another_format_is_refused(tmp_path):
    path = tmp_path / "tm.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(TranslationMemoryError, match="--no-cache"):
        TranslationMemory(path).stats()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "tm.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(TranslationMemoryError, match="not an SQLite database.*--no-cache"):
        TranslationMemory(path).stats()


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        pytest.param("", "default", id="auto"),
        pytest.param('path = "off"', None, id="off"),
        pytest.param('path = "{tmp}/mine.sqlite"', "mine.sqlite", id="explicit"),
    ],
)
def test_memory_settings_from_config(table, expected, tmp_path):
    config = tmp_path / "user.toml"
    config.write_text("[memory]\n" + table.replace("{tmp}", str(tmp_path)) + "\n")
    settings = MemorySettings.from_config(load_config(config))
    if expected is None:
        assert settings.path is None
    elif expected == "default":
        assert settings.path.name == "memory.sqlite"
    else:
        assert settings.path == tmp_path / expected


def test_memory_limits_are_validated(tmp_path):
    config = tmp_path / "user.toml"
    config.write_text("[memory]\nmax_entries = 0\n")
    with pytest.raises(ConfigError, match="memory.max_entries"):
        MemorySettings.from_config(load_config(config))


# --- two processes writing at once ----------------------------------------------------------


def _writer(path: str, name: str, start: multiprocessing.Barrier, count: int) -> None:
    start.wait()  # all writers begin together
    with TranslationMemory(path) as memory:
        context = memory.context("en", "hy", {"engine": "recorder"})
        for index in range(0, count, 10):
            segments = [f"segment {i}" for i in range(index, index + 10)]
            found = memory.lookup(context, segments)
            memory.store(context, [(s, f"{s} by {name}") for s in segments if s not in found])


def test_two_processes_writing_at_once_keep_the_memory_consistent(tmp_path):
    path = str(tmp_path / "tm.sqlite")
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(2)
    writers = [spawn.Process(target=_writer, args=(path, name, start, 400)) for name in ("first", "second")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [writer.exitcode for writer in writers] == [0, 0]
    with TranslationMemory(path) as memory:
        assert memory.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = memory.connection.execute("SELECT segment, translation FROM entries").fetchall()
    assert len(rows) == 400
    assert all(translation.startswith(segment + " by ") for segment, translation in rows)


def _opener(path: str, start: multiprocessing.Barrier) -> None:
    start.wait()  # all open the new file together
    with TranslationMemory(path) as memory:
        memory.store(memory.context("en", "hy", {"engine": "recorder"}), [("One.", "ONE.")])


@pytest.mark.parametrize("round_", range(3))
def test_processes_creating_one_memory_at_once_all_succeed(round_, tmp_path):
    # A new file is switched to WAL by whoever comes first; SQLite tells the others
    # "locked" without waiting, which once failed a run.
    path = str(tmp_path / "tm.sqlite")
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(4)
    openers = [spawn.Process(target=_opener, args=(path, start)) for _ in range(4)]
    for opener in openers:
        opener.start()
    for opener in openers:
        opener.join(timeout=120)
    assert [opener.exitcode for opener in openers] == [0] * 4
    with TranslationMemory(path) as memory:
        assert memory.stats()["entries"] == 1


# --- in the pipeline and on the command line ----------------------------------------------


ARTICLE = (
    "Lavrov Praises Russia’s Ties With Armenia\n\n"
    "Lavrov did not comment. Moscow has responded.\n\n"
    "RUSSIA -- Lavrov gestures in Moscow, May 21, 2021\n\n"
    "The agreement calls for the release of all prisoners. Lavrov did not comment.\n"
)


@pytest.fixture
def articles(tmp_path) -> list[Path]:
    paths = []
    for number in range(3):
        path = tmp_path / f"article{number}.txt"
        path.write_text(ARTICLE, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.slow
def test_a_second_pipeline_run_does_no_engine_work(articles, tiny_checkpoint, tmp_path):
    config = load_config()
    outputs = []
    for _ in range(2):
        with TranslationMemory(tmp_path / "tm.sqlite") as memory:
            pipeline = Pipeline(config, engine="ctranslate2", model=str(tiny_checkpoint), memory=memory)
            documents = [pipeline.prepare(path, "en") for path in articles]
            outputs.append([doc.translatable_segments() for doc, _ in pipeline.translate_documents(documents, "hy")])
            [chain] = pipeline._chains.values()
            engine = chain.memory.inner
            counts = pipeline.memory_counts()
        if len(outputs) == 1:
            # Three copies of one article: each different sentence reaches the engine once
            # (the glossary and number wrappers outside the memory may make a sentence two inputs).
            different = len({s.mt_input for document in documents for s in document.translatable_segments()})
            first = counts
            assert first[0] == 0 and first[1] >= different > 3
            assert sum(engine.batches_run) == first[1]
        else:
            assert counts == (first[1], 0)
            assert engine.batches_run == [] and engine._translator is None  # the model was never loaded
    assert [[s.translation for s in doc] for doc in outputs[0]] == [[s.translation for s in doc] for doc in outputs[1]]


@pytest.mark.slow
def test_cli_run_fills_the_memory_and_no_cache_leaves_it_alone(articles, tiny_checkpoint, tmp_path):
    config = tmp_path / "user.toml"
    memory_path = tmp_path / "tm.sqlite"
    config.write_text(f'[memory]\npath = "{memory_path}"\n')
    runner = CliRunner()
    base = ["run", *map(str, articles), "--to", "hy", "--engine", "ctranslate2", "--model", str(tiny_checkpoint),
            "-o", str(tmp_path / "out"), "--config", str(config)]
    assert runner.invoke(main, [*base, "--no-cache"]).exit_code == 0
    assert not memory_path.exists()
    first = runner.invoke(main, base)
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, base)
    assert second.exit_code == 0, second.output
    stats = json.loads(runner.invoke(main, ["tm", "stats", "--config", str(config), "--format", "json"]).output)
    different = stats["entries"]
    assert different > 3 and stats["hits"] == different  # the second run found every sentence
    export = runner.invoke(main, ["tm", "export", str(tmp_path / "tm.tmx"), "--config", str(config)])
    assert export.exit_code == 0, export.output
    # Units holding our placeholders are left out of TMX (a CAT tool cannot put them back), and said.
    exported = int(re.search(r"(\d+) translation units", export.output)[1])
    left_out = re.search(r"(\d+) left out", export.output)
    assert exported + (int(left_out[1]) if left_out else 0) == different
    assert len(ElementTree.parse(tmp_path / "tm.tmx").getroot().findall("./body/tu")) == exported


def test_the_pseudo_engine_is_not_remembered(articles, tmp_path):
    memory_path = tmp_path / "tm.sqlite"
    with TranslationMemory(memory_path) as memory:
        pipeline = Pipeline(load_config(), engine="pseudo", memory=memory)
        pipeline.translate_documents([pipeline.prepare(articles[0], "en")], "hy")
        assert pipeline.memory_counts() == (0, 0)
    assert not memory_path.exists()


def test_tm_commands_say_when_there_is_no_memory(tmp_path):
    result = CliRunner().invoke(main, ["tm", "stats", "--memory", str(tmp_path / "none.sqlite")])
    assert result.exit_code != 0
    assert "no translation memory yet" in result.output


def test_tmx_export_leaves_out_units_that_hold_placeholders(tmp_path):
    """What the engine was given holds our placeholders (a date as ⟦Q1⟧, a glossary term as 701):
    useless in a CAT tool. Those units are left out and counted; the others are exported."""
    from translate.memory import TranslationMemory

    memory_path = tmp_path / "tm.sqlite"
    with TranslationMemory(memory_path) as memory:
        context = memory.context("en", "hy", {"engine": "marian"})
        memory.store(context, [
            ("Pashinian met Putin.", "Փաշինյանը հանդիպեց Պուտինին։"),
            ("701 702 met 703 on ⟦Q1⟧.", "701-ը 702-ի հետ հանդիպեց 703-ին ⟦Q1⟧։"),  # glossary and quantity placeholders
            ("The ⟦1⟧ talks went on.", "⟦1⟧ բանակցությունները շարունակվեցին։"),  # the glossary's bracket scheme
            ("701 delegates met.", "701-ը հանդիպեց։"),  # a glossary term the engine kept as 701
            ("In 2021 about 650 soldiers left.", "2021-ին մոտ 650 զինվոր հեռացավ։"),  # real numbers: exported
        ])
    output = tmp_path / "out.tmx"
    result = CliRunner().invoke(main, ["tm", "export", str(output), "--memory", str(memory_path)])
    assert result.exit_code == 0, result.output
    assert "2 translation units; 3 left out: they hold placeholders" in result.output
    segments = [seg.text for seg in ElementTree.parse(output).getroot().iter("seg")]
    assert set(segments[0::2]) == {"Pashinian met Putin.", "In 2021 about 650 soldiers left."}
    assert not [text for text in segments if "⟦" in text or "701" in text]
