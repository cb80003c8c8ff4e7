"""The hand-checked post-editing table (data/apply_cases.toml) through the translation pipeline.

Each case is an article of one sentence translated by the pipeline (the runner, the chain of
wrappers, the facts put on the document) with a scripted engine: round 1 answers the case's
`engine` text; a term with no rendering is protected and the engine's protected round answers
as data/pipeline_rounds.toml says (placeholder copied, copied with an Armenian suffix, or
dropped). Kept, fixed and uncertain terms must come out as `glossary apply` makes them; the
table's failed terms as the protected round decides.

Quantities are left to the engine here (``quantities = "off"``): a few sentences have years,
and this test is about the glossary alone.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

import pytest
from conftest import DATA

from translate.config import load_config
from translate.document import (
    Block,
    BlockKind,
    Document,
    Segment,
    TermOutcome,
    TermStatus,
)
from translate.engines.base import EngineSpec, Translator
from translate.glossary.enforce import GLOSSARY_FAILED, GLOSSARY_UNCERTAIN
from translate.pipeline.runner import Pipeline

CASES = tomllib.loads((DATA / "apply_cases.toml").read_text(encoding="utf-8"))["case"]
ROUNDS = {entry["case"]: entry for entry in
          tomllib.loads((DATA / "pipeline_rounds.toml").read_text(encoding="utf-8"))["round"]}
# The tokens of either placeholder scheme (701 …, ⟦1⟧ …): the engine copies them, as Opus-MT does.
PLACEHOLDER = re.compile(r"(?<!\d)7\d\d(?!\d)|⟦\d+⟧")


class ScriptedEngine(Translator):
    """One case's engine: the case's own output for its source, the scripted reply for the
    protected source; any other input is a test error."""

    cacheable = False

    def __init__(self, spec: EngineSpec, case: dict):
        self.source, self.target, self.case = spec.source, spec.target, case
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [self.reply(text) for text in texts]

    def reply(self, text: str) -> str:
        if text == self.case["source"]:
            return self.case["engine"]
        tokens = PLACEHOLDER.findall(text)
        assert tokens and self.case["id"] in ROUNDS, f"{self.case['id']}: no reply scripted for {text!r}"
        return ROUNDS[self.case["id"]]["reply"].format(*tokens)

    def signature(self) -> dict[str, object]:
        return {"engine": "scripted", "case": self.case["id"]}


@pytest.fixture(scope="module")
def translated(newsroom, tmp_path_factory) -> dict[str, tuple[Segment, ScriptedEngine]]:
    """Every case through the pipeline: case id → its translated segment, and its engine."""
    config_path = tmp_path_factory.mktemp("config") / "config.toml"
    config_path.write_text('[localisation]\nquantities = "off"\n\n[glossary]\nplaceholder = "number"\n',
                           encoding="utf-8")
    config = load_config(config_path)
    results = {}
    with pytest.MonkeyPatch.context() as patch:
        for case in CASES:
            engines: list[ScriptedEngine] = []
            patch.setattr("translate.pipeline.chain.load_engine",
                          lambda name, spec, case=case, engines=engines: engines.append(ScriptedEngine(spec, case))
                          or engines[-1])
            text = case["source"]
            document = Document(text, case["id"], case["from"], [
                Block(0, len(text), text, BlockKind.BODY, segments=[Segment(0, len(text), text)])])
            pipeline = Pipeline(config, engine="pseudo", glossary=newsroom)
            ((done, signature),) = pipeline.translate_documents([document], case["to"])
            assert signature["glossary"] == newsroom.digest()
            (engine,) = engines
            results[case["id"]] = (done.blocks[0].segments[0], engine)
    return results


def _seen(term: TermOutcome) -> tuple[str, str, str | None, str | None]:
    """(entry, status, the engine's rendering, the glossary's form in the text), as the table writes them."""
    status = term.status.value
    if term.status is TermStatus.KEPT:
        return term.term, status, term.form, term.form
    if term.status in (TermStatus.FIXED, TermStatus.UNCERTAIN) and term.found is not None:
        return term.term, status, term.found, term.form if term.status is TermStatus.FIXED else None
    return term.term, status, None, term.form  # enforced, uncertain put in, failed


def _wanted(case: dict) -> list[tuple[str, str, str | None, str | None]]:
    protected = iter(ROUNDS[case["id"]]["protected"]) if case["id"] in ROUNDS else iter(())
    wanted = []
    for term in case["terms"]:
        if term["status"] == "failed":
            term = next(protected)
            wanted.append((term["term"], term["status"], None, term.get("form")))
        else:
            wanted.append((term["term"], term["status"], term.get("found"), term.get("form")))
    assert next(protected, None) is None, "pipeline_rounds.toml protects a term the table does not fail"
    return wanted


@pytest.mark.parametrize("case", [pytest.param(case, id=case["id"]) for case in CASES])
def test_case(translated, case):
    segment, engine = translated[case["id"]]
    scripted = ROUNDS.get(case["id"])
    assert segment.translation == (scripted["expected"] if scripted else case["expected"])
    assert [_seen(term) for term in segment.terms] == _wanted(case)
    assert len(engine.calls) == (2 if scripted else 1)  # only a term with no rendering is translated again
    codes = [finding.code for finding in segment.findings]
    assert codes.count(GLOSSARY_FAILED) == sum(term.status is TermStatus.FAILED for term in segment.terms)
    assert codes.count(GLOSSARY_UNCERTAIN) == sum(term.status is TermStatus.UNCERTAIN for term in segment.terms)


def test_every_protected_round_is_for_a_case_with_a_failed_term():
    failing = {case["id"] for case in CASES if any(term["status"] == "failed" for term in case["terms"])}
    assert set(ROUNDS) == failing
    outcomes = {term["status"] for entry in ROUNDS.values() for term in entry["protected"]}
    assert outcomes == {"enforced", "uncertain", "failed"}
