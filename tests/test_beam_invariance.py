"""A segment translates the same alone and in any batch, at the default settings (beam 4),
on both neural engines, with a checkpoint around a real Opus-MT tokenizer.

Before, a batch decoded to its longest row's output cap and then cut each row: a beam
that is best at 40 tokens, cut to 20, is not the beam that is best at 20, so an output
depended on its neighbours (and the translation memory kept whichever came first).
The random tiny model never ends a sentence, so every row runs to its cap: exactly the
case where that went wrong.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.engines import EngineSpec, GenerationSettings, load_engine
from translate.engines.neural import batches_by_cap

pytestmark = pytest.mark.slow

# News-like sentences of different lengths (written for this test).
POOL = [
    "Lavrov did not comment.",
    "He denied the allegations.",
    "Rescue teams worked through the night.",
    "Yerevan and Baku exchanged prisoners on Friday.",
    "The minister resigned after a week of protests.",
    "Prices rose by 4.5 percent in March, the statistics office said.",
    "Police detained at least 20 protesters in the capital.",
    "Parliament approved the budget by a vote of 68 to 37.",
    "The court sentenced him to seven years in prison.",
    "Journalists were not allowed into the building.",
]
ENGINES = ["marian", "ctranslate2"]


@pytest.fixture(scope="module")
def engines(opus_tiny):
    """Each engine at the default settings (beam 4, batch 32, the default compute type),
    and at batch size 3, so batches are cut in other places."""
    checkpoint = str(opus_tiny["opus-mt-en-mg"])
    return {
        (name, size): load_engine(name, EngineSpec("en", "mg", checkpoint, None, GenerationSettings(batch_size=size)))
        for name in ENGINES
        for size in (32, 3)
    }


@pytest.fixture(scope="module")
def alone(engines):
    """Each sentence decoded on its own: what every batch must reproduce."""
    return {name: {text: engines[name, 32].translate([text])[0] for text in POOL} for name in ENGINES}


@pytest.mark.parametrize("name", ENGINES)
def test_the_defaults_are_beam_search_and_outputs_tell_inputs_apart(name, engines, alone):
    assert engines[name, 32].spec.generation.num_beams == 4
    assert len(set(alone[name].values())) == len(POOL)  # otherwise a mix-up could not show


@pytest.mark.parametrize("name", ENGINES)
@settings(max_examples=8, deadline=None)
@given(batch=st.lists(st.sampled_from(POOL), min_size=2, max_size=9), size=st.sampled_from([32, 3]))
def test_a_segment_translates_the_same_in_any_batch(name, batch, size, engines, alone):
    assert engines[name, size].translate(batch) == [alone[name][text] for text in batch]


@pytest.mark.parametrize(
    ("lengths", "caps", "max_size", "expected"),
    [
        pytest.param([5, 9, 7, 9], [20, 28, 24, 28], 32, [[1, 3], [2], [0]], id="one-batch-per-cap"),
        pytest.param([9, 9, 9], [28, 28, 28], 2, [[0, 1], [2]], id="size-limit-within-a-cap"),
        pytest.param([3, 8, 5], [12, 12, 12], 32, [[1, 2, 0]], id="shared-cap-longest-first"),
    ],
)
def test_batches_by_cap(lengths, caps, max_size, expected):
    assert batches_by_cap(lengths, caps, max_size, 0) == expected
