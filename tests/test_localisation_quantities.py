"""Dates, times, numbers and amounts: recognised per language, rendered per locale (CLDR via babel).

Every expected rendering below was checked against babel 2.19's CLDR data and is written
out literally (\\u202f is CLDR's narrow no-break space, \\xa0 the no-break space).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.engines.base import Translator
from translate.engines.pseudo import PseudoEngine
from translate.localisation.protection import (
    QUANTITY_LOST,
    QuantityTranslator,
    protect,
    restore,
)
from translate.localisation.quantities import Kind, recognise
from translate.localisation.rendering import render
from translate.qa import SegmentPair, check_segment

# (source language, text, kind, {target: rendering})
RENDERINGS = [
    pytest.param("en", "May 21, 2021", Kind.DATE,
                 {"en": "May 21, 2021", "ru": "21 мая 2021\u202fг.", "hy": "2021 թ. մայիսի 21"}, id="en-date"),
    pytest.param("en", "21 May 2021", Kind.DATE,
                 {"en": "May 21, 2021", "ru": "21 мая 2021\u202fг."}, id="en-date-day-first"),
    pytest.param("en", "May 21st", Kind.DATE, {"en": "May 21", "ru": "21 мая", "hy": "մայիսի 21"}, id="en-day-month"),
    pytest.param("en", "20.4.2014", Kind.DATE,
                 {"en": "4/20/2014", "ru": "20.04.2014", "hy": "20.04.2014"}, id="en-numeric-date"),
    pytest.param("en", "100", Kind.NUMBER, {"en": "100", "ru": "100", "hy": "100"}, id="en-integer"),
    pytest.param("en", "2021", Kind.NUMBER, {"ru": "2021", "hy": "2021"}, id="en-year-not-grouped"),
    pytest.param("en", "15000", Kind.NUMBER, {"en": "15,000", "ru": "15\xa0000"}, id="en-large-integer"),
    pytest.param("en", "1,500", Kind.NUMBER, {"en": "1,500", "ru": "1\xa0500", "hy": "1\xa0500"}, id="en-grouped"),
    pytest.param("en", "12,345.50", Kind.NUMBER,
                 {"en": "12,345.50", "ru": "12\xa0345,50", "hy": "12\xa0345,50"}, id="en-decimal-kept-digits"),
    pytest.param("en", "1.5 million", Kind.NUMBER,
                 {"en": "1.5 million", "ru": "1,5\xa0млн", "hy": "1,5\xa0մլն"}, id="en-million"),
    pytest.param("en", "1,500 million", Kind.NUMBER,
                 {"en": "1.5 billion", "ru": "1,5\xa0млрд"}, id="en-million-regrouped"),
    pytest.param("en", "100 thousand", Kind.NUMBER, {"en": "100 thousand", "ru": "100\xa0тыс."}, id="en-thousand"),
    pytest.param("en", "$2.5 billion", Kind.AMOUNT,
                 {"en": "$2.5 billion", "ru": "2,5\xa0млрд\xa0$", "hy": "2,5\xa0մլրդ\xa0$"}, id="en-amount"),
    pytest.param("en", "$100", Kind.AMOUNT, {"en": "$100", "ru": "100\xa0$"}, id="en-small-amount"),
    pytest.param("en", "5%", Kind.PERCENT, {"en": "5%", "ru": "5\xa0%", "hy": "5%"}, id="en-percent-sign"),
    pytest.param("en", "12.5 percent", Kind.PERCENT, {"ru": "12,5\xa0%", "hy": "12,5%"}, id="en-percent-word"),
    pytest.param("en", "15:30", Kind.TIME, {"en": "3:30\u202fPM", "ru": "15:30", "hy": "15:30"}, id="en-time"),
    pytest.param("en", "3:30 p.m.", Kind.TIME, {"en": "3:30\u202fPM", "ru": "15:30"}, id="en-time-12h"),
    pytest.param("en", "0:01:29", Kind.DURATION, {"en": "0:01:29", "ru": "0:01:29"}, id="en-player-time"),
    pytest.param("ru", "21 мая 2021 года", Kind.DATE,
                 {"en": "May 21, 2021", "ru": "21 мая 2021\u202fг.", "hy": "2021 թ. մայիսի 21"}, id="ru-date"),
    pytest.param("ru", "21 мая 2021 г.", Kind.DATE, {"en": "May 21, 2021"}, id="ru-date-abbreviated"),
    pytest.param("ru", "1,5 млн", Kind.NUMBER, {"en": "1.5 million", "hy": "1,5\xa0մլն"}, id="ru-million-short"),
    pytest.param("ru", "2,5 миллиарда", Kind.NUMBER, {"en": "2.5 billion", "ru": "2,5\xa0млрд"}, id="ru-billion-long"),
    pytest.param("ru", "1 500", Kind.NUMBER, {"en": "1,500", "ru": "1\xa0500"}, id="ru-space-grouped"),
    pytest.param("ru", "7 процентов", Kind.PERCENT, {"en": "7%", "ru": "7\xa0%"}, id="ru-percent-word"),
    pytest.param("ru", "2,5 млрд $", Kind.AMOUNT, {"en": "$2.5 billion"}, id="ru-amount"),
    pytest.param("ru", "15:30", Kind.TIME, {"en": "3:30\u202fPM"}, id="ru-time"),
    pytest.param("hy", "2021 թ. մայիսի 21", Kind.DATE,
                 {"en": "May 21, 2021", "ru": "21 мая 2021\u202fг.", "hy": "2021 թ. մայիսի 21"}, id="hy-date"),
    pytest.param("hy", "2021 թվականի մայիսի 21", Kind.DATE, {"en": "May 21, 2021"}, id="hy-date-spelled-year"),
    pytest.param("hy", "1,5 մլն", Kind.NUMBER, {"en": "1.5 million", "ru": "1,5\xa0млн"}, id="hy-million"),
    pytest.param("hy", "1 500", Kind.NUMBER, {"en": "1,500"}, id="hy-grouped"),
]


@pytest.mark.parametrize(("language", "text", "kind", "renderings"), RENDERINGS)
def test_recognised_and_rendered_per_locale(language, text, kind, renderings):
    found = recognise(f"Said on {text} here", language)
    assert [(q.kind, q.text) for q in found] == [(kind, text)]
    for target, expected in renderings.items():
        assert render(found[0], target) == expected, target


@pytest.mark.parametrize(("language", "text", "expected"), [
    pytest.param("hy", "մայիսի 21-ին", "մայիսի 21", id="hy-case-suffix-after-hyphen"),
    pytest.param("hy", "15:30-ին", "15:30", id="hy-time-with-suffix"),
    pytest.param("ru", "в 2021-м году", "2021", id="ru-ordinal-suffix"),
    pytest.param("en", "in Moscow, May 21, 2021", "May 21, 2021", id="en-caption-dateline"),
    pytest.param("en", "2020-2021", "2020|2021", id="range-ends-are-numbers"),
])
def test_spans(language, text, expected):
    assert "|".join(q.text for q in recognise(text, language)) == expected


@pytest.mark.parametrize(("language", "text"), [
    pytest.param("en", "a B-52 bomber", id="code-with-hyphen"),
    pytest.param("en", "COVID-19 cases", id="name-with-number"),
    pytest.param("en", "the G7 summit", id="letter-then-digits"),
    pytest.param("en", "the 21st century", id="ordinal"),
    pytest.param("en", "the 1990s", id="decade"),
    pytest.param("en", "Su-30SM jets", id="model-name"),
    pytest.param("en", "keep ⟦G1⟧ and ⟦12⟧ alone", id="placeholders"),
    pytest.param("ru", "в мае", id="month-without-day"),
])
def test_not_quantities(language, text):
    assert recognise(text, language) == []


def test_same_key_in_every_language():
    keys = {language: [q.key for q in recognise(text, language)] for language, text in [
        ("en", "On May 21, 2021, 1.5 million people at 15:30"),
        ("ru", "21 мая 2021 г. 1,5 миллиона человек в 15:30"),
        ("hy", "2021 թ. մայիսի 21 1,5 մլն մարդ 15:30"),
    ]}
    assert keys["en"] == keys["ru"] == keys["hy"] == ["date 2021-05-21", "number 1500000", "time 15:30"]


# --- protection through the engine ----------------------------------------------------


def test_protect_and_restore_round_trip():
    protected = protect("Moscow, May 21, 2021: more than 100 and $2.5 billion", "en", "ru")
    assert protected.text == "Moscow, ⟦Q1⟧: more than ⟦Q2⟧ and ⟦Q3⟧"
    assert restore("Москва, ⟦Q1⟧: более ⟦ Q2 ⟧ и ⟦Q3⟧", protected) == "Москва, 21 мая 2021\u202fг.: более 100 и 2,5\xa0млрд\xa0$"


def test_protect_skips_other_wrappers_placeholders():
    protected = protect("⟦Q1⟧ met ⟦G2⟧ on May 21", "en", "ru")
    assert protected.text == "⟦Q1⟧ met ⟦G2⟧ on ⟦Q2⟧"
    assert restore("⟦Q1⟧ ⟦G2⟧ ⟦Q2⟧", protected) == "⟦Q1⟧ ⟦G2⟧ 21 мая"


class RecordingEngine(Translator):
    """Records what it is sent; returns it unchanged, less the span ``drop`` (as engines do)."""

    def __init__(self, source: str, target: str, drop: str | None = None):
        self.source, self.target, self.drop, self.seen = source, target, drop, []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.seen += list(texts)
        return [text.replace(self.drop, "") if self.drop else text for text in texts]

    def signature(self) -> dict[str, object]:
        return {"engine": "recording"}


def test_engine_sees_placeholders_output_reads_the_target_way():
    engine = RecordingEngine("en", "hy")
    [output] = QuantityTranslator(engine).translate(["Moscow, May 21, 2021, at 15:30"])
    assert engine.seen == ["Moscow, ⟦Q1⟧, at ⟦Q2⟧"]
    assert output == "Moscow, 2021 թ. մայիսի 21, at 15:30"


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        pytest.param("The talks ended on June 3, 2021.", "ru", "The talks ended on 3 июня 2021\u202fг.", id="ru-date-ends-sentence"),
        pytest.param("On June 3, 2021 they met.", "ru", "On 3 июня 2021\u202fг. they met.", id="ru-date-mid-sentence"),
        pytest.param("The talks ended on June 3, 2021.", "hy", "The talks ended on 2021 թ. հունիսի 3.", id="hy-keeps-its-stop"),
        pytest.param("It cost $2.5 billion.", "ru", "It cost 2,5\xa0млрд\xa0$.", id="no-stop-in-rendering"),
    ],
)
def test_a_date_at_the_end_of_a_sentence_has_one_full_stop(source, target, expected):
    """«3 июня 2021 г.» ends in the abbreviation's stop: the sentence's own is not added after it."""
    [output] = QuantityTranslator(RecordingEngine("en", target)).translate([source])
    assert output == expected and ".." not in output


def test_wrapper_with_pseudo_engine_and_signature():
    translator = QuantityTranslator(PseudoEngine("en", "ru"))
    [output] = translator.translate(["more than 100 soldiers, 1.5 million"])
    assert output.endswith("100 šóĺđíéŕš, 1,5\xa0млн]")
    signature = translator.signature()
    assert signature["engine"] == "pseudo" and signature["quantities"]["placeholder"] == "⟦Q1⟧"


# --- the QA "numbers" check -----------------------------------------------------------


def _number_findings(source, translation, source_language="en", target_language="ru", reported=frozenset()):
    findings = check_segment(SegmentPair(source, translation, source_language, target_language, reported))
    return [(f.severity.value, f.message) for f in findings if f.code == "numbers"]


@pytest.mark.parametrize(("source", "translation", "languages"), [
    pytest.param("Moscow, May 21, 2021", "Москва, 21 мая 2021\u202fг.", ("en", "ru"), id="ru-date"),
    pytest.param("Moscow, May 21, 2021", "Մոսկվա, 2021 թ. մայիսի 21", ("en", "hy"), id="hy-date"),
    pytest.param("1.5 million and 1,500", "1,5 млн и 1 500", ("en", "ru"), id="ru-separators"),
    pytest.param("1.5 million", "1,5 миллиона", ("en", "ru"), id="ru-million-word"),
    pytest.param("в 15:30", "at 3:30 PM", ("ru", "en"), id="twelve-hour-clock"),
    pytest.param("1.5 percent", "1.5 процента", ("en", "ru"), id="left-as-the-source-writes-it"),
])
def test_numbers_written_the_target_way_count_as_present(source, translation, languages):
    assert _number_findings(source, translation, *languages) == []


def test_numbers_check_flags_a_number_the_engine_changed():
    # The digits-only comparison took "15 миллионов" for 1.5 million.
    assert _number_findings("1.5 million", "15 миллионов") == [
        ("error", "numbers missing or changed in the translation: 1.5 million"),
        ("warning", "numbers in the translation that the source lacks: 15 миллионов"),
    ]


def test_numbers_check_flags_a_date_that_lost_its_year():
    assert _number_findings("on May 21, 2021", "21 мая") == [
        ("error", "numbers missing or changed in the translation: May 21, 2021"),
        ("warning", "numbers in the translation that the source lacks: 21 мая"),
    ]


def test_a_number_dropped_by_the_engine_is_flagged_once():
    source = "Baku refuses to release more than 100 Armenian soldiers, Lavrov said on May 21, 2021."
    [translation] = QuantityTranslator(RecordingEngine("en", "ru", drop="⟦Q1⟧")).translate_full([source])
    assert "100" not in translation.text and "21 мая 2021\u202fг." in translation.text
    # The wrapper names the quantity it lost, as an error that comes with the translation …
    [lost] = translation.findings
    assert (lost.code, lost.severity.value) == (QUANTITY_LOST, "error") and "'100'" in lost.message
    # … and the numbers check, which would find the same loss, leaves it to that finding.
    assert _number_findings(source, translation.text) == [
        ("error", "numbers missing or changed in the translation: 100"),
    ]
    assert _number_findings(source, translation.text, reported=frozenset({QUANTITY_LOST})) == []


def test_no_finding_when_every_placeholder_comes_back():
    [translation] = QuantityTranslator(RecordingEngine("en", "ru")).translate_full(["100 soldiers on May 21, 2021"])
    assert translation.findings == () and "100" in translation.text


_PIECES = ["May", "21", ",", " ", "2021", "мая", "года", "մայիսի", "թ.", "1.5", "1,5", "million", "млн", "$", "%",
           "15:30", "0:01:29", "-", "ին", "p.m.", "\u00a0", "⟦Q1⟧", "20.4.2014", "000", "B", "\n"]


@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=12), language=st.sampled_from(["en", "ru", "hy"]))
@settings(max_examples=200, deadline=None)
def test_recognised_spans_are_ordered_exact_and_all_restored(pieces, language):
    text = "".join(pieces)
    found = recognise(text, language)
    assert all(q.text == text[q.start : q.end] for q in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    protected = protect(text, language, "ru")
    assert len(protected.renderings) == len(found)
    assert restore(protected.text, protected).count("⟦Q") == text.count("⟦Q")  # only others' placeholders left
