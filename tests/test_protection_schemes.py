"""Protection that survives a real vocabulary: each wrapper picks, when it is built, a scheme the
engine carries, or refuses; quantities are checked in the output and rendered the target's way;
characters the engine cannot represent are carried around it. Every loss is a finding naming it.

The stand-in engines below get things wrong the way Opus-MT does: they lose what their
vocabulary lacks (⟦ ⟧, Armenian letters: ``<unk>``), write dates and amounts their own way,
drop or change a number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from translate.engines.base import Coverage, Translator
from translate.engines.placeholders import NumberPlaceholders, choose_scheme
from translate.errors import PlaceholderError
from translate.glossary.enforce import GlossaryTranslator
from translate.localisation.carrying import CHARACTERS_LOST, CarryTranslator, lost_spans
from translate.localisation.protection import QUANTITY_LOST, QuantityTranslator, check_and_render
from translate.qa import SegmentPair, check_segment

ARMENIAN = set("ԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖաբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ")
BRACKETS = set("⟦⟧")


@pytest.fixture(scope="module")
def newsroom():
    from translate.config import DATA_ROOT
    from translate.glossary.store import load_glossary

    return load_glossary([DATA_ROOT / "glossaries" / "newsroom.toml"])


class VocabularyEngine(Translator):
    """Loses the characters ``lost`` as an Opus-MT vocabulary does (gone from what it is given),
    then replies by ``reply``; records its inputs."""

    def __init__(self, source: str, target: str, lost: set[str], reply: Callable[[str], str] = lambda text: text):
        self.source, self.target, self.lost, self.reply = source, target, lost, reply
        self.seen: list[str] = []

    def coverage(self, text: str) -> Coverage:
        return Coverage(tuple(dict.fromkeys(c for c in text if c in self.lost)))

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.seen += texts
        return [self.reply("".join(c for c in text if c not in self.lost)) for text in texts]

    def signature(self) -> dict[str, object]:
        return {"engine": "vocabulary-stand-in", "checkpoint": "opus-mt-stand-in"}


# --- which scheme, or refused ----------------------------------------------------------------------


@pytest.mark.parametrize(("lost", "quantities", "glossary", "characters"), [
    pytest.param(set(), "placeholders", "number", "number", id="copies-anything"),
    pytest.param(BRACKETS, "digits", "number", "number", id="opus-mt-vocabulary"),
    pytest.param(BRACKETS | ARMENIAN, "digits", "number", "number", id="english-source-vocabulary"),
])
def test_each_wrapper_picks_a_scheme_the_engine_carries(lost, quantities, glossary, characters, newsroom):
    engine = VocabularyEngine("en", "ru", lost)
    assert QuantityTranslator(engine).scheme == quantities
    assert GlossaryTranslator(engine, newsroom).scheme.name == glossary
    assert CarryTranslator(engine).scheme.name == characters


@pytest.mark.parametrize(("build", "tried", "message"), [
    pytest.param(lambda engine, glossary: QuantityTranslator(engine), ("placeholders (⟦Q1⟧", "digits (0123456789"),
                 '[localisation] quantities = "off"', id="quantities"),
    pytest.param(lambda engine, glossary: GlossaryTranslator(engine, glossary), ("number (701", "brackets (⟦1⟧"),
                 "[glossary] enforce = false", id="glossary-auto"),
    pytest.param(lambda engine, glossary: CarryTranslator(engine), ("number (901", "brackets (⟦C1⟧"),
                 "cannot be used", id="characters"),
])
def test_refused_when_no_scheme_survives(build, tried, message, newsroom):
    engine = VocabularyEngine("en", "ru", BRACKETS | set("0123456789"))  # no digits either
    with pytest.raises(PlaceholderError) as refused:
        build(engine, newsroom)
    text = str(refused.value)
    assert "the vocabulary of opus-mt-stand-in" in text and message in text
    for scheme in tried:  # each scheme tried, with what was lost
        assert scheme in text
    assert "⟦ " in text and " become <unk>" in text


def test_a_configured_scheme_the_engine_loses_is_refused_not_replaced(newsroom):
    engine = VocabularyEngine("en", "ru", BRACKETS)
    with pytest.raises(PlaceholderError, match=r"brackets \(⟦1⟧ ⟦2⟧ ⟦10⟧: ⟦ ⟧ become <unk>\).*placeholder = \"auto\""):
        GlossaryTranslator(engine, newsroom, placeholder="brackets")
    assert GlossaryTranslator(engine, newsroom, enforce=False, placeholder="brackets").enforce is False


def test_choose_scheme_asks_with_the_samples_alone_and_in_a_row():
    asked: list[str] = []

    class Asking(VocabularyEngine):
        def coverage(self, text):
            asked.append(text)
            return super().coverage(text)

    choose_scheme(Asking("en", "ru", set()), "test", [("number", NumberPlaceholders().samples())], "")
    assert asked == ["701", "702", "710", "701 702 710."]


# --- quantities: checked in the output, rendered the target's way ---------------------------------

SOURCE = "Moscow, May 21, 2021: more than 100 soldiers and $2.5 billion, at 15:30."


@pytest.mark.parametrize(("output", "expected", "lost"), [
    pytest.param("Москва, 21 мая 2021 года: более 100 солдат и 2,5 млрд долларов, в 15:30.",
                 "Москва, 21 мая 2021\u202fг.: более 100 солдат и 2,5\xa0млрд долларов, в 15:30.", [],
                 id="written-the-engines-way-rendered-ours"),
    pytest.param("Москва, 21 мая 2021 года: более 100 солдат и $2.5 billion, в 15:30.",
                 "Москва, 21 мая 2021\u202fг.: более 100 солдат и 2,5\xa0млрд\xa0$, в 15:30.", [],
                 id="left-as-the-source-writes-it"),
    pytest.param("Москва, 21 мая 2021 года: более солдат и 2,5 млрд долларов, в 15:30.",
                 "Москва, 21 мая 2021\u202fг.: более солдат и 2,5\xa0млрд долларов, в 15:30.", ["100"],
                 id="a-number-dropped"),
    pytest.param("Москва, 21 мая: более 100 солдат и 25 млрд долларов, в 15:30.",
                 "Москва, 21 мая: более 100 солдат и 25 млрд долларов, в 15:30.", ["May 21, 2021", "$2.5 billion"],
                 id="a-year-dropped-and-an-amount-changed"),
])
def test_quantities_found_in_the_output_checked_and_rendered(output, expected, lost):
    text, missing = check_and_render(SOURCE, output, "en", "ru")
    assert text == expected
    assert [quantity.text for quantity in missing] == lost


def test_the_engine_sees_the_numbers_and_a_dropped_one_is_a_finding_and_the_qa_leaves_it():
    """Acceptance: the numbers check catches a number the engine dropped (a stand-in that drops one)."""
    def reply(text: str) -> str:
        return "Более солдат погибли 21 мая 2021 года, в 15:30."  # 100 dropped

    engine = VocabularyEngine("en", "ru", BRACKETS, reply)
    translator = QuantityTranslator(engine)
    source = "More than 100 soldiers died on May 21, 2021, at 15:30."
    [translation] = translator.translate_full([source])
    assert engine.seen == [source]  # no placeholder: the engine sees the quantities in context
    assert translation.text == "Более солдат погибли 21 мая 2021\u202fг., в 15:30."
    [finding] = translation.findings
    assert finding.code == QUANTITY_LOST and finding.severity.value == "error" and "'100'" in finding.message
    qa = [f for f in check_segment(SegmentPair(source, translation.text, "en", "ru")) if f.code == "numbers"]
    assert [f.message for f in qa] == ["numbers missing or changed in the translation: 100"]
    reported = SegmentPair(source, translation.text, "en", "ru", frozenset({QUANTITY_LOST}))
    assert not [f for f in check_segment(reported) if f.code == "numbers"]  # once, not twice


def test_signature_names_the_scheme():
    signature = QuantityTranslator(VocabularyEngine("en", "ru", BRACKETS)).signature()
    assert signature["quantities"]["scheme"] == "digits" and signature["quantities"]["placeholder"] is None


# --- characters carried around the engine --------------------------------------------------------


@pytest.mark.parametrize(("text", "lost", "spans"), [
    pytest.param("Minister Նիկոլ Փաշինյան said.", ARMENIAN, ["Նիկոլ Փաշինյան"], id="a-name-in-two-words"),
    pytest.param("Erdoğan and Pashinyan («Փաշինյան»).", ARMENIAN | {"ğ"}, ["Erdoğan", "Փաշինյան"],
                 id="a-letter-lost-takes-its-word"),
    pytest.param("Up 5 ✓ and 6 ✓✓.", {"✓"}, ["✓", "✓✓"], id="symbols"),
    pytest.param("Nothing lost here.", ARMENIAN, [], id="none"),
])
def test_lost_spans(text, lost, spans):
    assert [text[start:end] for start, end in lost_spans(text, lost)] == spans


def test_a_name_the_vocabulary_lacks_is_carried_around_the_engine():
    engine = VocabularyEngine("en", "ru", BRACKETS | ARMENIAN,
                              lambda text: text.replace("Prime Minister", "Премьер-министр").replace(" met ", " встретил "))
    translator = CarryTranslator(engine)
    [translation] = translator.translate_full(["Prime Minister Նիկոլ Փաշինյան met 901 delegates."])
    assert engine.seen == ["Prime Minister 902 met 901 delegates."]  # 901 is the text's own number
    assert translation.text == "Премьер-министр Նիկոլ Փաշինյան встретил 901 delegates."
    assert translation.findings == ()


def test_a_carried_span_the_engine_dropped_is_a_finding_naming_it():
    engine = VocabularyEngine("en", "ru", ARMENIAN, lambda text: text.replace("901", ""))
    [translation] = CarryTranslator(engine).translate_full(["Minister Փաշինյան spoke."])
    [finding] = translation.findings
    assert (finding.code, finding.severity.value) == (CHARACTERS_LOST, "error")
    assert "'Փաշինյան'" in finding.message and "901" in finding.message


def test_model_inputs_show_what_each_wrapper_passes_on(newsroom):
    engine = VocabularyEngine("en", "ru", BRACKETS | ARMENIAN)
    chain = QuantityTranslator(GlossaryTranslator(CarryTranslator(engine), newsroom))
    assert chain.model_inputs(["Lavrov met Փաշինյան on May 21, 2021."]) == ["Lavrov met 901 on May 21, 2021."]
    assert engine.seen == []  # nothing translated


# --- what the engine is given: Opus-MT's punctuation normalisation; --dry-run ------------------


@pytest.mark.parametrize(("text", "language", "expected"), [
    pytest.param("He said «no» — and “yes”.", "ru", 'He said "no" - and "yes".', id="quotes-and-dashes"),
    pytest.param("The “deal”, they said…", "en", 'The "deal," they said...', id="english-comma-inside-quotes"),
    pytest.param("1\u00a0500 and 2,5\u00a0млн", "ru", "1 500 and 2,5 млн", id="numbers-keep-their-value"),
    pytest.param("Նիկոլ  Փաշինյան\u200b 701", "hy", "Նիկոլ Փաշինյան 701", id="spaces-collapsed-control-removed"),
])
def test_inputs_are_normalised_as_opus_mt_was_trained(text, language, expected):
    from translate.engines.neural import normalise_punctuation

    assert normalise_punctuation(text, language) == expected


def test_dry_run_with_the_pseudo_engine_prints_what_it_would_be_given(tmp_path, pseudo_inputs):
    import json

    from click.testing import CliRunner

    from translate.cli import main

    article = tmp_path / "article.txt"
    article.write_text("Talks Resume\n\nLavrov arrived on May 21, 2021, with 100 diplomats.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(article), "--from", "en", "--to", "ru,hy", "--engine", "pseudo",
                                       "--dry-run"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    sentence = "Lavrov arrived on May 21, 2021, with 100 diplomats."
    # The pseudo engine copies any span, so the quantities wrapper gives it placeholders.
    assert lines == [{"segment": "Talks Resume", "mt_input": "Talks Resume"},
                     {"segment": sentence, "mt_input": "Lavrov arrived on ⟦Q1⟧, with ⟦Q2⟧ diplomats."}] * 2
    assert pseudo_inputs == [] and not list(tmp_path.glob("article.*.txt"))
