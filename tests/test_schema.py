"""The one schema checker of the configuration and the glossary files: dotted keys, near matches, kinds."""

from __future__ import annotations

import pytest

from translate.config import SCHEMA
from translate.glossary.store import ENTRY
from translate.schema import BOOLEAN, INTEGER, NUMBER, STRING, STRINGS, Table, check

MODEL = Table({"checkpoint": STRING})
SAMPLE = Table({
    "generation": Table({"num_beams": INTEGER, "ratio": NUMBER, "enforce": BOOLEAN, "files": STRINGS}),
    "models": Table(others=MODEL, name="a table of language pairs"),
    "term": Table({"term": STRING}, others=Table({"preferred": STRING})),
})

CASES = [
    pytest.param({"generation": {"num_beams": 4, "ratio": 1, "enforce": True, "files": []}}, [], id="valid"),
    pytest.param({"generation": {"num_beam": 4}}, ["generation.num_beam: unknown key; did you mean 'num_beams'?"],
                 id="near-match"),
    pytest.param({"generation": {"colour": 4}},
                 ["generation.colour: unknown key; valid keys: enforce, files, num_beams, ratio"], id="no-near-match"),
    pytest.param({"generaton": {}}, ["generaton: unknown key; did you mean 'generation'?"], id="section"),
    pytest.param({"generation": {"num_beams": True}}, ["generation.num_beams: must be an integer, not true"],
                 id="bool-is-not-an-integer"),
    pytest.param({"generation": {"num_beams": 2.5, "ratio": "2"}},
                 ["generation.num_beams: must be an integer, not a number",
                  "generation.ratio: must be a number, not a string"], id="every-problem-in-order"),
    pytest.param({"generation": {"files": ["a", 1]}},
                 ['generation.files: must be a list of strings, e.g. ["…", "…"], not a list'], id="list-of-strings"),
    pytest.param({"generation": 3}, ["generation: must be a table, not an integer"], id="not-a-table"),
    pytest.param({"models": {"en-hy": {"checkpoint": "x", "revision": 1}}},
                 ["models.en-hy.revision: unknown key; valid keys: checkpoint"], id="any-name-nested"),
    pytest.param({"models": {"en-hy": "x"}}, ["models.en-hy: must be a table, not a string"], id="any-name-not-table"),
    pytest.param({"term": {"ru": {"preferd": "Х"}, "trem": "X"}},
                 ["term.ru.preferd: unknown key; did you mean 'preferred'?",
                  "term.trem: unknown key; did you mean 'term'?"], id="named-keys-and-tables"),
]


@pytest.mark.parametrize(("data", "expected"), CASES)
def test_problems_name_the_dotted_key(data, expected):
    assert [str(problem) for problem in check(data, SAMPLE)] == expected


def test_configuration_and_glossary_say_a_typo_the_same_way():
    (in_config,) = check({"generation": {"num_beam": 3}}, SCHEMA)
    (in_glossary,) = check({"term": "X", "type": "place", "ru": {"prefered": "Х"}}, ENTRY, ("term", "x"))
    assert in_config.message == "unknown key; did you mean 'num_beams'?"
    assert in_glossary.message == "unknown key; did you mean 'preferred'?"
    assert in_glossary.dotted == "term.x.ru.prefered"
