"""End to end with real Opus-MT checkpoints — skipped, with the reason, where none is on disk.

No hub is reachable in CI, so these run only where the checkpoints were downloaded before
(`translate models download`). The code they cover also has offline tests on tiny
checkpoints (tests/test_marian.py, tests/test_cli.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.config import load_config
from translate.engines.checkpoints import cached_checkpoint
from translate.glossary.compliance import compliance_section
from translate.io.writers import render_text
from translate.pipeline.runner import Pipeline

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "azatutyun-csto-border.txt"
PAIRS = [
    pytest.param("hy", "Helsinki-NLP/opus-mt-en-hy", ["ՀԱՊԿ", "Փաշինյան"], id="en-hy"),
    pytest.param("ru", "Helsinki-NLP/opus-mt-en-ru", ["ОДКБ", "Пашинян"], id="en-ru"),
]


@pytest.mark.real_checkpoint
@pytest.mark.parametrize(("target", "checkpoint", "terms"), PAIRS)
def test_sample_article_with_the_real_checkpoint(target, checkpoint, terms):
    if cached_checkpoint(checkpoint) is None:
        pytest.skip(f"{checkpoint} is not on this machine (run `translate models download {checkpoint}` "
                    "where there is network)")
    pipeline = Pipeline(load_config())
    document = pipeline.prepare(SAMPLE, "en")
    [(translated, signature)] = pipeline.translate_documents([document], target)
    text = render_text(translated)
    assert signature["engines"]["en"]["checkpoint"] == checkpoint
    for term in terms:  # the glossary's forms, whatever the engine did
        assert term in text
    assert "Pashinian" not in text and "CSTO" not in text
    compliance = compliance_section(translated, signature)
    assert compliance["counts"]["failed"] == 0, compliance
