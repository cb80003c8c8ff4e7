"""Enforcement with stand-in engines: kept, enforced, flagged — and how the fitting form is chosen."""

from __future__ import annotations

import logging
import re

import pytest
from conftest import StandIn

from translate.document import TermStatus
from translate.engines.base import Translation
from translate.engines.pseudo import PseudoEngine
from translate.findings import Severity
from translate.glossary.enforce import GLOSSARY_FAILED, GlossaryTranslator, wrap
from translate.glossary.model import Glossary

KEPT, ENFORCED, FAILED = TermStatus.KEPT, TermStatus.ENFORCED, TermStatus.FAILED


def full(translator: GlossaryTranslator, text: str) -> Translation:
    """The translation of ``text`` with its facts (the terms and what became of them, findings)."""
    (translation,) = translator.translate_full([text])
    return translation


def flagged(translation: Translation) -> bool:
    """Whether a term failed: then, and only then, an error finding comes with the translation."""
    failed = any(term.status is FAILED for term in translation.terms)
    errors = [f for f in translation.findings if f.code == GLOSSARY_FAILED and f.severity is Severity.ERROR]
    assert len(errors) == sum(term.status is FAILED for term in translation.terms)
    return failed


def words(table: dict[str, str]):
    """A stand-in engine reply: replace English phrases by the table's, copy the rest (numbers too)."""
    def reply(text: str) -> str:
        for english, translated in table.items():
            text = text.replace(english, translated)
        return text
    return reply


RU = {"He spoke with": "Он поговорил с", "said": "заявил", "Talks in": "Переговоры в", "spoke": "выступил"}


@pytest.mark.parametrize(
    ("table", "text", "expected", "how", "calls"),
    [
        pytest.param({**RU, "Lavrov": "Лавровым"}, "He spoke with Lavrov.", "Он поговорил с Лавровым.", KEPT, 1,
                     id="kept-engine-inflected-form"),
        pytest.param({**RU, "Lavrov": "Лавроф"}, "He spoke with Lavrov.", "Он поговорил с Лавровым.", ENFORCED, 2,
                     id="enforced-wrong-rendering-case-from-preposition"),
        pytest.param({**RU, "Moscow": "Масква"}, "Talks in Moscow.", "Переговоры в Москве.", ENFORCED, 2,
                     id="enforced-locative-after-v"),
        pytest.param({"He flew to": "Он полетел в", "Moscow": "Масква"}, "He flew to Moscow.", "Он полетел в Москву.",
                     ENFORCED, 2, id="enforced-accusative-after-v-with-a-verb-of-motion"),
        pytest.param({**RU, "Nikol Pashinian": "Никола Пашинян"}, "Nikol Pashinian said.", "Никол Пашинян заявил.",
                     ENFORCED, 2, id="enforced-over-known-wrong-form"),
        pytest.param({**RU, "Prime Minister": "Премьер"}, "Prime Minister spoke.", "Премьер-министр выступил.",
                     ENFORCED, 2, id="enforced-capitalised-at-sentence-start"),
        pytest.param({**RU, "Facebook": "Фейсбук"}, "Pashinian said on Facebook.",
                     "Пашинян заявил on Facebook.", ENFORCED, 2, id="do-not-translate-verbatim"),
        pytest.param({**RU, "RUSSIA": "РАША"}, "RUSSIA -- talks", "РОССИЯ -- talks", ENFORCED, 2,
                     id="capitals-caption-stays-capitals"),
    ],
)
def test_outcomes(newsroom, table, text, expected, how, calls):
    engine = StandIn(words(table))
    translator = GlossaryTranslator(engine, newsroom)
    outcome = full(translator, text)
    assert outcome.text == expected
    assert how in {term.status for term in outcome.terms}
    assert not flagged(outcome)
    assert len(engine.calls) == calls


def _drops(text: str) -> str:
    return "Он сказал." if re.search(r"\d{3}", text) else "Лавроф сказал."


def _repeats(text: str) -> str:
    return re.sub(r"(\d{3})", r"\1 и \1", text) if re.search(r"\d{3}", text) else "Лавроф сказал."


@pytest.mark.parametrize(
    ("reply", "reason"),
    [pytest.param(_drops, "dropped", id="engine-drops-placeholder"),
     pytest.param(_repeats, "repeated 2 times", id="engine-duplicates-placeholder")],
)
def test_flagged_when_enforcement_cannot_be_guaranteed(newsroom, caplog, monkeypatch, reply, reason):
    monkeypatch.setattr(logging.getLogger("translate"), "propagate", True)  # the CLI may have stopped it
    translator = GlossaryTranslator(StandIn(reply), newsroom)
    with caplog.at_level(logging.WARNING, logger="translate.glossary"):
        outcome = full(translator, "Lavrov said.")
    assert outcome.text == "Лавроф сказал."  # the engine's own, not a mangled one
    assert flagged(outcome)
    (term,) = outcome.terms
    assert (term.status, term.form) == (FAILED, None)
    assert reason in term.reason
    (finding,) = outcome.findings
    assert "'Lavrov'" in finding.message and "'lavrov'" in finding.message and reason in finding.message
    assert "flagged" in caplog.text


def test_flagged_segment_keeps_what_the_engine_got_right(newsroom):
    def reply(text: str) -> str:
        if re.search(r"\d{3}", text):
            return "Путин и Лавров сказали."  # the placeholder for Baku is gone
        return "Путин и Лавров сказали о Бакю."

    translator = GlossaryTranslator(StandIn(reply), newsroom)
    outcome = full(translator, "Putin and Lavrov spoke about Baku.")
    assert {term.term: term.status for term in outcome.terms} == {"putin": KEPT, "lavrov": KEPT, "baku": FAILED}
    assert flagged(outcome) and len(outcome.findings) == 1


def test_third_round_protects_every_term_when_the_second_loses_one(newsroom):
    def reply(text: str) -> str:
        if re.search(r"701.*702|702.*701", text):
            return text.replace("met", "встретил")
        if "701" in text:
            return text.replace("Putin", "Путен").replace("met", "встретил")  # now Putin goes wrong
        return text.replace("Putin", "Путин").replace("Lavrov", "Лавроф").replace("met", "встретил")

    engine = StandIn(reply)
    translator = GlossaryTranslator(engine, newsroom)
    # «встретил» takes the accusative: the form put in follows the verb (not the nominative).
    outcome = full(translator, "Putin met Lavrov")
    assert outcome.text == "Путин встретил Лаврова"
    assert len(engine.calls) == 3
    assert {term.status for term in outcome.terms} == {ENFORCED} and not outcome.findings


@pytest.mark.parametrize(
    ("text", "reply", "expected"),
    [
        pytest.param("He spoke to Lavrov.", "Նա խոսեց 701-ին։", "Նա խոսեց Լավրովին։", id="hyphen-suffix-on-number"),
        pytest.param("He flew to Baku.", "Նա թռավ 701ից։", "Նա թռավ Բաքվից։", id="stem-change"),
        pytest.param("The CSTO said.", "701-ը հայտարարեց։", "ՀԱՊԿ-ը հայտարարեց։", id="abbreviation-suffix"),
        pytest.param("In Yerevan.", "701-ում։", "Երևանում։", id="locative"),
    ],
)
def test_armenian_suffix_glued_to_placeholder(newsroom, text, reply, expected):
    engine = StandIn(lambda source: reply if "701" in source else "—", target="hy")
    translator = GlossaryTranslator(engine, newsroom)
    outcome = full(translator, text)
    assert outcome.text == expected
    assert {term.status for term in outcome.terms} == {ENFORCED}


def test_check_only_reports_without_retranslating(newsroom):
    engine = StandIn(words({**RU, "Lavrov": "Лавроф"}))
    translator = GlossaryTranslator(engine, newsroom, enforce=False)
    outcome = full(translator, "He spoke with Lavrov.")
    assert outcome.text == "Он поговорил с Лавроф."
    assert len(engine.calls) == 1
    (term,) = outcome.terms
    assert term.status == FAILED and "check only" in term.reason
    assert flagged(outcome)


def test_only_segments_that_need_it_are_translated_again(newsroom):
    engine = StandIn(words({**RU, "Lavrov": "Лавровым", "Moscow": "Масква"}))
    translator = GlossaryTranslator(engine, newsroom)
    out = translator.translate_full(["He spoke with Lavrov.", "Talks in Moscow.", "Nothing here."])
    assert [translation.text for translation in out] == ["Он поговорил с Лавровым.", "Переговоры в Москве.",
                                                         "Nothing here."]
    assert engine.calls[1] == ["Talks in 701."]
    assert out[2] == Translation("Nothing here.")  # no terms, no findings


@pytest.mark.parametrize("scheme", ["number", "brackets"])
def test_pseudo_engine_keeps_placeholders_of_either_scheme(newsroom, scheme):
    translator = GlossaryTranslator(PseudoEngine("en", "ru"), newsroom, placeholder=scheme)
    outcome = full(translator, "Lavrov met Nikol Pashinyan in Yerevan on May 21, 2021.")
    out = outcome.text
    assert "Лавров" in out and "Никол Пашинян" in out and "Ереван" in out
    assert "21" in out and "2021" in out and "⟦" not in out and "701" not in out
    assert {term.status for term in outcome.terms} == {ENFORCED}


def test_number_placeholders_avoid_numbers_in_the_text(newsroom):
    engine = StandIn(lambda text: text)
    GlossaryTranslator(engine, newsroom).translate(["In 701 and 702 Lavrov spoke."])
    assert engine.calls[1] == ["In 701 and 702 703 spoke."]


def test_wrap_leaves_translators_the_glossary_does_not_apply_to(newsroom):
    german = StandIn(lambda text: text, source="de", target="ru")
    assert wrap(german, newsroom) is german
    assert isinstance(wrap(StandIn(lambda text: text, source="ru", target="hy"), newsroom), GlossaryTranslator)
    english = StandIn(lambda text: text)
    assert wrap(english, Glossary([])) is english
    assert isinstance(wrap(english, newsroom), GlossaryTranslator)


def test_signature_names_glossary_and_scheme(newsroom):
    signature = GlossaryTranslator(StandIn(str), newsroom).signature()
    assert signature["engine"] == "stand-in"
    assert signature["glossary"] == newsroom.digest()
    assert signature["glossary_enforcement"] == "placeholder:number"
