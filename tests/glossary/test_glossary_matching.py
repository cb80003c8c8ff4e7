"""Matching: longest first, word boundaries in three scripts, case rules, normalisation, precedence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.glossary.matching import TermMatcher, normalise
from translate.glossary.model import Entry, Glossary, GlossaryFile
from translate.glossary.terms import answers, find_terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("fighting in Nagorno-Karabakh ended", [("Nagorno-Karabakh", "nagorno-karabakh")], id="longest-wins"),
        pytest.param("Nagorno Karabakh and Karabakh", [("Nagorno Karabakh", "nagorno-karabakh"), ("Karabakh", "karabakh")],
                     id="variant-then-shorter-term"),
        pytest.param("the Russian-brokered deal", [], id="russian-is-not-russia"),
        pytest.param("a Bakuvian poet", [], id="baku-not-inside-a-word"),
        pytest.param("despite Baku’s refusal", [("Baku", "baku")], id="baku-before-apostrophe"),
        pytest.param("Baku-based analysts", [("Baku", "baku")], id="baku-before-hyphen"),
        pytest.param("the CSTO said", [("CSTO", "csto")], id="acronym-in-capitals"),
        pytest.param("a csto memo, Csto", [], id="acronym-only-in-capitals"),
        pytest.param("RUSSIA -- Moscow", [("RUSSIA", "russia"), ("Moscow", "moscow")], id="caption-capitals-match"),
        pytest.param("Prime Minister Nikol Pashinyan", [("Prime Minister", "prime-minister"),
                                                        ("Nikol Pashinyan", "pashinian")], id="spelling-variant"),
        pytest.param("Sergey Lavrov, then Lavrov", [("Sergey Lavrov", "lavrov"), ("Lavrov", "lavrov")],
                     id="full-then-short"),
        pytest.param("the Collective Security Treaty\nOrganisation (CSTO)",
                     [("Collective Security Treaty\nOrganisation", "csto"), ("CSTO", "csto")], id="line-break-inside"),
        pytest.param("Argumenty I Fakty", [("Argumenty I Fakty", "argumenty-i-fakty")], id="any-case-title"),
        pytest.param("posted on Facebook.", [("Facebook", "facebook")], id="do-not-translate-entry"),
    ],
)
def test_source_terms(newsroom, text, expected):
    matches = find_terms(newsroom, text)
    assert [(match.surface, match.payload.entry.id) for match in matches] == expected
    for match in matches:
        assert text[match.start:match.end] == match.surface


@pytest.mark.parametrize(
    ("language", "source", "translation", "expected"),
    [
        pytest.param("ru", "Talks in Yerevan", "Переговоры в Ереване", ["Ереване"], id="ru-inflected"),
        pytest.param("ru", "Talks in Yerevan", "Переговоры в Ереванеее", [None], id="ru-no-partial-word"),
        pytest.param("ru", "in Nagorno-Karabakh and Karabakh", "в Нагорном Карабахе и Карабахе",
                     ["Нагорном Карабахе", "Карабахе"], id="ru-longest-per-entry"),
        pytest.param("ru", "Nikol Pashinian said", "Никола Пашинян заявил", [None], id="ru-avoided-form"),
        pytest.param("ru", "Prime Minister", "Премьер-министр", ["Премьер-министр"], id="ru-any-case"),
        pytest.param("hy", "in Yerevan", "Երեւանում", ["Երեւանում"], id="hy-old-spelling-ew"),
        pytest.param("hy", "in Yerevan", "Երևանում", ["Երևանում"], id="hy-ligature"),
        pytest.param("hy", "the CSTO", "ՀԱՊԿ-ի", ["ՀԱՊԿ-ի"], id="hy-abbreviation-hyphen-suffix"),
        pytest.param("hy", "Lavrov and Lavrov", "Լավրովը և Լավրովին", ["Լավրովը", "Լավրովին"], id="hy-two-occurrences"),
        pytest.param("hy", "Lavrov and Lavrov", "Լավրովը", ["Լավրովը", None], id="hy-second-unanswered"),
        pytest.param("hy", "from Baku", "Բաքվից", ["Բաքվից"], id="hy-stem-change"),
    ],
)
def test_target_answers(newsroom, language, source, translation, expected):
    occurrences = find_terms(newsroom, source)
    replies = answers(newsroom, language, occurrences, translation)
    assert [reply.found.surface if reply.found else None for reply in replies] == expected


def test_avoided_form_is_reported(newsroom):
    occurrences = find_terms(newsroom, "Nikol Pashinian said")
    (reply,) = answers(newsroom, "ru", occurrences, "Никола Пашинян заявил")
    assert reply.found is None and reply.avoided.surface == "Никола Пашинян"


def _entry(entry_id: str, term: str, *variants: str) -> Entry:
    return Entry(id=entry_id, term=term, type="term", variants=variants)


def test_later_file_takes_a_shared_form():
    newsroom = GlossaryFile(Path("newsroom.toml"), entries=[_entry("kremlin", "Kremlin"), _entry("nk", "Karabakh")])
    desk = GlossaryFile(Path("desk.toml"), entries=[_entry("desk-kremlin", "Kremlin")])
    assert [m.payload.entry.id for m in find_terms(Glossary([newsroom, desk]), "the Kremlin")] == ["desk-kremlin"]
    assert [m.payload.entry.id for m in find_terms(Glossary([desk, newsroom]), "the Kremlin")] == ["kremlin"]


def test_later_file_replaces_an_entry_by_id():
    newsroom = GlossaryFile(Path("newsroom.toml"), entries=[_entry("baku", "Baku"), _entry("moscow", "Moscow")])
    desk = GlossaryFile(Path("desk.toml"), entries=[_entry("baku", "Baku", "Bakou")])
    combined = Glossary([newsroom, desk])
    assert combined.entry("baku").variants == ("Bakou",)
    assert [entry.id for entry in combined.entries] == ["moscow", "baku"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Vitamin C and grade B, [b] or x", [], id="punctuation-is-part-of-the-term"),
        pytest.param("written in C++ for AT&T", ["C++", "AT&T"], id="trailing-and-inner-punctuation"),
        pytest.param("the treaty (CSTO) and <b>bold</b> [x]", ["(CSTO)", "<b>", "[x]"], id="leading-punctuation"),
        pytest.param("C+++ but not xC++", ["C++"], id="no-boundary-after-punctuation-but-before-a-letter"),
        pytest.param("ATT&T or AT&TX", [], id="boundary-where-the-term-has-a-letter"),
    ],
)
def test_terms_match_as_written(text, expected):
    entries = [_entry(f"t{number}", form) for number, form in enumerate(["C++", "<b>", "[x]", "(CSTO)", "AT&T"])]
    matches = find_terms(Glossary([GlossaryFile(Path("t.toml"), entries=entries)]), text)
    assert [match.surface for match in matches] == expected


def test_normalise_maps_offsets_back():
    text = "in  Երեւան\u2011x"
    normal = normalise(text)
    assert normal.text == "in Երևան-x"
    start = normal.text.index("Երևան")
    begin, end = normal.span(start, start + len("Երևան"))
    assert text[begin:end] == "Երեւան"


# --- the index matcher agrees with a plain reference implementation -----------------------------

_WORDS = ["ab", "abc", "b", "ba", "Ab", "AB", "c a", "ab ab", "x-y", "ж", "жы", "ու", "աբ", "b++", "(ab)", "a&b"]


def _reference(patterns: list[tuple[str, bool]], text: str) -> list[tuple[int, int, int]]:
    """Leftmost, then longest, then first added; word boundaries where a form begins or ends
    with a letter or digit; exact or any case."""
    found = []
    for number, (form, exact) in enumerate(patterns):
        flags = 0 if exact else re.IGNORECASE
        before = r"(?<!\w)" if re.match(r"\w", form) else ""
        after = r"(?!\w)" if re.search(r"\w$", form) else ""
        for match in re.finditer(rf"{before}(?={re.escape(form)}{after})", text, flags):
            found.append((match.start(), match.start() + len(form), number))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0]), item[2]))
    chosen, cursor = [], 0
    for start, end, number in found:
        if start >= cursor:
            chosen.append((start, end, number))
            cursor = end
    return chosen


@settings(max_examples=150, deadline=None)
@given(
    patterns=st.lists(st.tuples(st.sampled_from(_WORDS), st.booleans()), min_size=1, max_size=6, unique_by=lambda p: p[0]),
    text=st.lists(st.sampled_from([*_WORDS, " ", " ", ".", "-", "d", "(", ")", "+"]), max_size=14).map("".join),
)
def test_matcher_agrees_with_reference(patterns, text):
    matcher: TermMatcher[int] = TermMatcher()
    for number, (form, exact) in enumerate(patterns):
        matcher.add(form, number, exact=exact)
    got = [(match.start, match.end, match.payload) for match in matcher.find(text)]
    assert got == _reference(patterns, text)
