"""The shared engine helpers: token-budget batches, splitting of long inputs, output caps."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.engines import GenerationSettings
from translate.engines.neural import output_cap, split_long, token_budget_batches


@pytest.mark.parametrize(
    ("lengths", "max_size", "max_tokens", "expected"),
    [
        pytest.param([], 4, 0, [], id="nothing"),
        pytest.param([5, 9, 7], 32, 0, [[1, 2, 0]], id="longest-first"),
        pytest.param([5, 9, 7, 3], 2, 0, [[1, 2], [0, 3]], id="size-limit"),
        pytest.param([10, 10, 10, 2, 2, 2], 32, 20, [[0, 1], [2, 3], [4, 5]], id="budget-counts-padding"),
        pytest.param([50, 3, 3], 32, 20, [[0], [1, 2]], id="over-budget-alone"),
        pytest.param([4, 4, 4, 4], 32, 16, [[0, 1, 2, 3]], id="budget-exactly-met"),
        pytest.param([0, 0, 0], 2, 10, [[0, 1], [2]], id="empty-inputs"),
    ],
)
def test_token_budget_batches(lengths, max_size, max_tokens, expected):
    assert token_budget_batches(lengths, max_size, max_tokens) == expected


@given(
    st.lists(st.integers(0, 200), max_size=60),
    st.integers(1, 40),
    st.sampled_from([0, 64, 256, 1536]),
)
def test_every_input_in_exactly_one_batch_within_limits(lengths, max_size, max_tokens):
    batches = token_budget_batches(lengths, max_size, max_tokens)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= max_size
        longest = max(lengths[i] for i in batch)
        if max_tokens and len(batch) > 1:
            assert longest * len(batch) <= max_tokens
        assert [lengths[i] for i in batch] == sorted((lengths[i] for i in batch), reverse=True)


def _words(text: str) -> int:
    return len(text.split())


def _characters(text: str) -> int:
    return len(text)


@given(st.lists(st.sampled_from(["Lavrov", "said.", "Armenia", "talks", "continue!", "x" * 30]), max_size=80),
       st.integers(3, 12))
def test_split_long_keeps_every_word_and_fits(words, limit):
    text = " ".join(words)
    pieces = split_long(text, _words, limit)
    assert all(_words(piece) <= limit for piece in pieces)
    assert " ".join(pieces) == text


@given(st.text(alphabet="abcdefgh", min_size=1, max_size=300), st.integers(4, 40))
def test_split_long_cuts_a_huge_word_into_character_runs(word, limit):
    pieces = split_long(word, _characters, limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert "".join(pieces) == word


@pytest.mark.parametrize(
    ("input_tokens", "ratio", "slack", "ceiling", "expected"),
    [
        pytest.param(10, 2.0, 10, 512, 30, id="ratio-and-slack"),
        pytest.param(3, 1.5, 0, 512, 5, id="rounded-up"),
        pytest.param(400, 2.0, 10, 512, 512, id="model-ceiling"),
        pytest.param(5, 0.0, 0, 512, 1, id="at-least-one"),
    ],
)
def test_output_cap(input_tokens, ratio, slack, ceiling, expected):
    settings = GenerationSettings(max_length_ratio=ratio, max_length_slack=slack)
    assert output_cap(input_tokens, settings, ceiling) == expected


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        pytest.param([], [], id="nothing"),
        pytest.param([1000] * 5, [5], id="small-articles-together"),
        pytest.param([20_000, 20_000, 20_000], [2, 1], id="cut-at-the-byte-budget"),
        pytest.param([100_000, 10], [1, 1], id="a-big-file-alone"),
        pytest.param([10] * 130, [64, 64, 2], id="cut-at-the-file-limit"),
    ],
)
def test_batch_chunks_hold_many_articles(sizes, expected, tmp_path):
    # Sentences of a chunk's articles share engine batches: small articles must not be
    # translated a few at a time.
    from translate.pipeline.batch import Source, make_chunks

    sources = []
    for number, size in enumerate(sizes):
        path = tmp_path / f"{number}.txt"
        path.write_bytes(b"x" * size)
        sources.append(Source(path, Path(path.name)))
    chunks = make_chunks(sources)
    assert [len(chunk) for chunk in chunks] == expected
    assert [source for chunk in chunks for source in chunk] == sources
