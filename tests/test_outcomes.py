"""What the translators find comes back with the text and ends up on the document, in QA and
in the batch's exit code: a glossary term the engine got wrong is a flagged article."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.config import load_config
from translate.document import Block, Disposition, Document, Segment, TermStatus
from translate.engines.base import Engine, EngineSpec, PivotTranslator, Translation
from translate.findings import Finding, Location, Severity
from translate.glossary.enforce import GLOSSARY_FAILED
from translate.localisation.protection import QUANTITY_LOST, QuantityTranslator
from translate.memory import MemoryTranslator, TranslationMemory
from translate.pipeline.runner import Pipeline
from translate.qa import check_document

SENTENCE = "Lavrov said the talks would continue next week."
# What a stand-in engine makes of the words, the way an en→ru engine would.
WORDS = {"Talks Continue": "Переговоры продолжаются",
         "said the talks would continue next week.": "заявил, что переговоры продолжатся на следующей неделе."}
PLACEHOLDER = re.compile(r"\b\d{3}\b")  # the glossary's protected term (701, 702, …)


def stand_in(lavrov: str, placeholder: Callable[[str], str] = lambda token: token) -> Callable[[str], str]:
    """A reply: the words above, ``lavrov`` for Lavrov, and ``placeholder`` done to a protected term."""
    def reply(text: str) -> str:
        text = PLACEHOLDER.sub(lambda match: placeholder(match.group()), text)
        for english, russian in {**WORDS, "Lavrov": lavrov}.items():
            text = text.replace(english, russian)
        return text.strip()
    return reply


RIGHT = stand_in("Лавров")
# The name left out (a variant spelling would be fixed), then the placeholder lost or doubled.
DROPS = stand_in("Министр", placeholder=lambda token: "")
REPEATS = stand_in("Министр", placeholder=lambda token: f"{token} {token}")


class StandInEngine(Engine):
    """An engine (cacheable, so the chain puts the translation memory around it) that replies by a function."""

    name = "stand-in"
    needs_checkpoint = False

    def __init__(self, spec: EngineSpec, reply: Callable[[str], str]):
        self.source, self.target, self.reply = spec.source, spec.target, reply
        self.calls: list[list[str]] = []

    @classmethod
    def load(cls, spec: EngineSpec) -> Engine:
        raise NotImplementedError("made by the engine fixture")

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [self.reply(text) for text in texts]

    def signature(self) -> dict[str, object]:
        return {"engine": "stand-in", "reply": self.reply.__qualname__}


@pytest.fixture
def engine(monkeypatch):
    """Makes the pipeline load a stand-in engine replying with the function given; returns its engines."""
    engines: list[StandInEngine] = []

    def use(reply: Callable[[str], str]) -> list[StandInEngine]:
        def load_engine(name, spec):
            engines.append(StandInEngine(spec, reply))
            return engines[-1]
        monkeypatch.setattr("translate.pipeline.chain.load_engine", load_engine)
        return engines
    return use


# --- the acceptance: a failed glossary term is a flagged article -----------------------------


@pytest.mark.parametrize(
    ("reply", "status", "code"),
    [
        pytest.param(RIGHT, "translated", 0, id="term-right"),
        pytest.param(DROPS, "flagged", 6, id="term-left-out-placeholder-dropped"),
        pytest.param(REPEATS, "flagged", 6, id="term-left-out-placeholder-repeated"),
    ],
)
def test_a_failed_glossary_term_is_flagged_and_fails_the_batch(tmp_path, engine, reply, status, code):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(f"Talks Continue\n\n{SENTENCE}\n", encoding="utf-8")
    out = tmp_path / "out"
    engine(reply)
    command = ["batch", str(folder), "--to", "ru", "-o", str(out), "--engine", "pseudo", "--fail-on", "error"]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == code, result.output
    assert f"1 {status}" in result.output
    (outcome,) = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outcomes"]
    assert outcome["status"] == status
    report = json.loads((out / "talks.ru.txt.report.json").read_text(encoding="utf-8"))
    terms = [term for segment in report["segments"] for term in segment["terms"]]
    assert [(term["term"], term["status"]) for term in terms] == [
        ("lavrov", "failed" if status == "flagged" else "kept")]
    assert report["glossary"]["counts"]["failed"] == (status == "flagged")
    errors = [finding for finding in report["findings"] if finding["severity"] == "error"]
    if status == "translated":
        assert errors == [] and outcome["findings"] == {}
        return
    # The only problem is the term: one error, on the segment that has it, which the segment lists too.
    assert [(f["check"], f["block"], f["segment"]) for f in errors] == [(GLOSSARY_FAILED, 1, 0)]
    assert "'Lavrov'" in errors[0]["message"]
    assert report["segments"][1]["findings"] == errors and outcome["findings"] == {"error": 1}
    assert "Министр заявил" in (out / "talks.ru.txt").read_text(encoding="utf-8")  # the engine's own, flagged
    # Without --fail-on it is flagged all the same, and the exit code says nothing; a rerun
    # (nothing to redo) still knows the findings.
    assert CliRunner().invoke(main, command[:-2] + ["--fail-on", "never"]).exit_code == 0
    rerun = CliRunner().invoke(main, command)
    assert rerun.exit_code == 6 and "1 skipped" in rerun.output


# --- the flow: translators → segments → QA ------------------------------------------------------


def test_every_segment_that_shared_a_text_gets_its_facts(tmp_path, engine):
    article = tmp_path / "talks.txt"
    article.write_text(f"{SENTENCE}\n\nMeanwhile, Talks Continue.\n\n{SENTENCE}\n", encoding="utf-8")
    engines = engine(DROPS)
    config = tmp_path / "config.toml"
    config.write_text("[memory]\npath = \"off\"\n", encoding="utf-8")
    pipeline = Pipeline(load_config(config), engine="pseudo")
    [(translated, _)] = pipeline.translate_documents([pipeline.prepare(article, "en")], "ru")
    first, second = (block.segments[0] for block in translated.blocks if SENTENCE in block.text)
    assert sum(text == SENTENCE for text in engines[0].calls[0]) == 1  # sent once
    for segment in (first, second):
        assert [(term.term, term.status) for term in segment.terms] == [("lavrov", TermStatus.FAILED)]
        assert [finding.code for finding in segment.findings] == [GLOSSARY_FAILED]
    assert first.findings is not second.findings and first.terms is not second.terms
    located = [(f.code, f.location.block, f.location.segment) for f in check_document(translated, "ru")
               if f.severity is Severity.ERROR]
    assert located == [(GLOSSARY_FAILED, 0, 0), (GLOSSARY_FAILED, 2, 0)]


def test_qa_reads_block_and_segment_findings_from_the_document():
    source = "MENU\n\nTalks went on."
    segment = Segment(6, 20, "Talks went on.", "Переговоры продолжались.",
                      findings=[Finding("glossary.failed", Severity.ERROR, "a term failed")])
    chrome = Block(0, 4, "MENU", disposition=Disposition.DROP,
                   findings=[Finding("chrome", Severity.WARNING, "no ru wording")])
    document = Document(source, language="en", blocks=[chrome, Block(6, 20, "Talks went on.", segments=[segment])])
    assert check_document(document, "ru") == [
        Finding("chrome", Severity.WARNING, "no ru wording", Location(block=0)),
        Finding("glossary.failed", Severity.ERROR, "a term failed", Location(block=1, segment=0)),
    ]


# --- wrappers pass on the facts of what they wrap ------------------------------------------------


def _dropper(source: str = "en", target: str = "ru") -> StandInEngine:
    """Drops the first protected quantity, as engines drop tokens they do not know."""
    return StandInEngine(EngineSpec(source, target), lambda text: text.replace("⟦Q1⟧", ""))


def test_pivot_passes_on_the_facts_of_both_hops():
    second = QuantityTranslator(_dropper("en", "ru"))
    pivot = PivotTranslator(QuantityTranslator(_dropper("hy", "en")), second)
    [translation] = pivot.translate_full(["100 soldiers and 200 more"])
    assert [finding.code for finding in translation.findings] == [QUANTITY_LOST, QUANTITY_LOST]
    assert "'100'" in translation.findings[0].message  # lost by the first hop …
    assert "'200'" in translation.findings[1].message  # … then the second lost the first it was given
    assert pivot.translate(["100 soldiers and 200 more"]) == [translation.text]


def test_memory_passes_on_facts_of_what_it_translates_and_keeps_only_text(tmp_path):
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    translator = MemoryTranslator(QuantityTranslator(_dropper()), memory)
    [made] = translator.translate_full(["More than 100 soldiers."])
    assert [finding.code for finding in made.findings] == [QUANTITY_LOST]
    # From the memory: the same text, without facts (the chain puts the wrappers that find
    # them outside the memory, so they are found again every run).
    assert translator.translate_full(["More than 100 soldiers."]) == [Translation(made.text)]
    memory.close()
