"""Accepted forms: generated Russian cases, Armenian stems + suffixes, explicit data winning."""

from __future__ import annotations

import pytest

from translate.glossary.inflection import russian_paradigm, target_forms
from translate.glossary.model import Entry, Rendering


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        pytest.param("Сергей Лавров", "ablt", "Сергеем Лавровым", id="name-both-words"),
        pytest.param("Сергей Лавров", "loct", "Сергее Лаврове", id="name-locative"),
        pytest.param("Нагорный Карабах", "loct", "Нагорном Карабахе", id="adjective-agrees"),
        pytest.param("Организация Договора о коллективной безопасности", "gent",
                     "Организации Договора о коллективной безопасности", id="only-head-declines"),
        pytest.param("министр иностранных дел", "datv", "министру иностранных дел", id="genitive-dependants-stay"),
        pytest.param("Баку", "gent", "Баку", id="indeclinable-city"),
        pytest.param("ОДКБ", "ablt", "ОДКБ", id="abbreviation"),
        pytest.param("глава МИД", "gent", "главы МИД", id="abbreviation-inside"),
        pytest.param("«Аргументы и факты»", "datv", "«Аргументам и фактам»", id="coordinated-title-in-quotes"),
        pytest.param("премьер-министр", "ablt", "премьер-министром", id="hyphenated"),
    ],
)
def test_russian_paradigm(phrase, case, expected):
    cases, problem = russian_paradigm(phrase)
    assert problem is None
    assert cases[case] == expected


@pytest.mark.parametrize("phrase", [pytest.param("Пашинян", id="read-as-plural"),
                                    pytest.param("Никол Пашинян", id="surname-in-a-name")])
def test_misread_names_are_reported_not_declined(phrase):
    cases, problem = russian_paradigm(phrase)
    assert cases == {}
    assert "Пашинян" in problem and "inflect = false" in problem


def _entry(**rendering) -> Entry:
    return Entry(id="x", term="X", type="person", renderings=(Rendering(**rendering),))


def test_explicit_cases_win_over_generated():
    entry = _entry(language="ru", preferred="Сергей Лавров", cases=(("gent", "Сергея Лаврова-Ивановича"),))
    forms = target_forms(entry, "ru")
    assert forms.paradigm["gent"] == "Сергея Лаврова-Ивановича"
    assert forms.paradigm["datv"] == "Сергею Лаврову"
    assert "Сергея Лаврова-Ивановича" not in forms.generated
    assert "Сергею Лаврову" in forms.generated


def test_inflect_false_keeps_only_listed_forms():
    entry = _entry(language="ru", preferred="Никол Пашинян", inflect=False, forms=("Никола Пашиняна",))
    assert target_forms(entry, "ru").accepted == ("Никол Пашинян", "Никола Пашиняна")


def test_avoid_is_never_accepted():
    entry = _entry(language="ru", preferred="Никол Пашинян", inflect=False,
                   forms=("Никола Пашинян", "Никола Пашиняна"), avoid=("Никола Пашинян",))
    forms = target_forms(entry, "ru")
    assert "Никола Пашинян" not in forms.accepted
    assert forms.avoid == ("Никола Пашинян",)


@pytest.mark.parametrize(
    ("rendering", "expected"),
    [
        pytest.param({"preferred": "Լավրով", "suffixes": "noun"},
                     ["Լավրով", "Լավրովը", "Լավրովն", "Լավրովի", "Լավրովին", "Լավրովից", "Լավրովով", "Լավրովում"],
                     id="named-noun-set"),
        pytest.param({"preferred": "Սերգեյ Լավրով", "short": "Լավրով", "suffixes": ("ի",)},
                     ["Սերգեյ Լավրով", "Լավրով", "Սերգեյ Լավրովի", "Լավրովի"], id="preferred-and-short-stems"),
        pytest.param({"preferred": "ՀԱՊԿ", "stems": ("ՀԱՊԿ",), "suffixes": "abbreviation"},
                     ["ՀԱՊԿ", "ՀԱՊԿ-ը", "ՀԱՊԿ-ն", "ՀԱՊԿ-ի", "ՀԱՊԿ-ին", "ՀԱՊԿ-ից", "ՀԱՊԿ-ով", "ՀԱՊԿ-ում"],
                     id="abbreviation-after-hyphen"),
        pytest.param({"preferred": "«Ազատություն»", "suffixes": ("ի",)}, ["«Ազատություն»", "«Ազատություն»-ի"],
                     id="suffix-after-closing-quote"),
        pytest.param({"preferred": "Բաքու", "forms": ("Բաքվի",), "suffixes": "no-such-set"}, ["Բաքու", "Բաքվի"],
                     id="unknown-set-adds-nothing"),
    ],
)
def test_armenian_stems_and_suffixes(rendering, expected):
    assert list(target_forms(_entry(language="hy", **rendering), "hy").accepted) == expected


def test_do_not_translate_renders_verbatim():
    entry = Entry(id="fb", term="Facebook", type="organisation", do_not_translate=True)
    assert target_forms(entry, "ru").accepted == ("Facebook",)


def test_no_rendering_for_language():
    assert target_forms(_entry(language="hy", preferred="Լավրով"), "ru") is None
