"""The post-editor beyond the hand-checked table: what it must leave alone, captions, context
after the term, repeated terms, English as the target."""

from __future__ import annotations

import pytest

from translate.glossary.postedit import post_edit


@pytest.mark.parametrize(
    ("source_language", "target", "source", "translation", "expected", "statuses"),
    [
        pytest.param("en", "ru", "Putin said peace was near.", "Он сказал, что мир на пути к цели.",
                     "Он сказал, что мир на пути к цели.", ["failed"], id="lower-case-word-is-no-misspelt-name"),
        pytest.param("en", "ru", "AZERBAIJAN -- talks resume", "АЗЕРБАЙЖАН -- переговоры возобновились",
                     "АЗЕРБАЙДЖАН -- переговоры возобновились", ["fixed"], id="caption-in-capitals"),
        pytest.param("en", "hy", "Mirzoyan spoke with Lavrov.", "Միրզոյանը խոսել է Lavrov հետ։",
                     "Միրզոյանը խոսել է Լավրովի հետ։", ["fixed"], id="armenian-postposition-decides"),
        pytest.param("en", "ru", "Lavrov met Lavrov's deputy.", "Лавроф встретил заместителя Лаврофа.",
                     "Лавров встретил заместителя Лаврова.", ["fixed", "fixed"], id="one-term-twice"),
        pytest.param("ru", "en", "Лавров прилетел в Ереван.", "Lavrof flew to Erevan.",
                     "Lavrov flew to Yerevan.", ["fixed", "fixed"], id="english-target"),
        pytest.param("hy", "ru", "Լավրովը ժամանել է Երևան։", "Лавров прибыл в Ереван.",
                     "Лавров прибыл в Ереван.", ["kept", "kept"], id="armenian-source-kept"),
        pytest.param("en", "ru", "Pashinian said so.", "— Так и есть, — заявил Pashinian.",
                     "— Так и есть, — заявил Пашинян.", ["fixed"], id="subject-after-verb-of-saying"),
    ],
)
def test_post_edit(newsroom, source_language, target, source, translation, expected, statuses):
    edited = post_edit(newsroom, source, translation, source_language, target)
    assert edited.text == expected
    assert [term.status for term in edited.terms] == statuses
    for term in edited.terms:
        if term.status in ("kept", "fixed"):
            assert edited.text[term.start:term.end] == term.form
