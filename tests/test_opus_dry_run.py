"""What a real Opus-MT vocabulary receives from the whole chain (`translate run --dry-run`), and
what a run with one reports: with each shared tokenizer (../shared/fixtures/opus-mt-tokenizers),
no ``<unk>`` reaches the model that the article's own text would not have produced, and every
quantity or carried span the engine loses is a finding that names it.

The ``<unk>`` are counted with sentencepiece and vocab.json directly, not with our code.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from translate.cli import main

pytestmark = pytest.mark.slow

# Written for this test: dates, amounts, times, glossary terms (Lavrov, Yerevan, CSTO), quotes
# of three kinds, dashes and an Armenian name.
ARTICLE = """Lavrov Visits Yerevan

YEREVAN -- Russian Foreign Minister Sergei Lavrov arrived in Yerevan on May 21, 2021, at 15:30, officials said.

The “deal”, worth $2.5 billion, covers 1,500 soldiers and 12.5 percent of the border — the CSTO said.

Prime Minister Նիկոլ Փաշինյան called it «a step forward» on 3 June 2021.
"""
ARMENIAN_NAME = "Նիկոլ Փաշինյան"

# tokenizer folder, --from, --to, the target token its configuration needs
DIRECTIONS = [
    pytest.param("opus-mt-en-mg", "en", "mg", None, id="en-mg"),
    pytest.param("opus-mt-tc-big-en-pt", "en", "pt", ">>por<<", id="tc-big-en-pt"),
    pytest.param("opus-mt-tc-big-fr-en", "fr", "en", None, id="tc-big-fr-en"),
]


def unknown_pieces(folder, text: str) -> list[str]:
    """The pieces of ``text`` that the checkpoint's source side maps to <unk> (a leading target
    token is one vocabulary entry, as Marian reads it)."""
    import sentencepiece

    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    if text.startswith(">>"):
        token, text = text.split(" ", 1)
        assert token in vocab
    model = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    return [piece for piece in model.encode(text, out_type=str) if vocab.get(piece, vocab["<unk>"]) == vocab["<unk>"]]


def _setup(tmp_path, checkpoint, source, target, token):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    config = tmp_path / "config.toml"
    line = f'\ntarget_token = "{token}"' if token else ""
    config.write_text(f'[models.{source}-{target}]\ncheckpoint = "{checkpoint}"{line}\n', encoding="utf-8")
    return article, config


@pytest.mark.parametrize(("name", "source", "target", "token"), DIRECTIONS)
def test_dry_run_sends_no_unknown_piece_the_segment_did_not_have(name, source, target, token, opus_tiny,
                                                                  opus_tokenizers, tmp_path):
    article, config = _setup(tmp_path, opus_tiny[name], source, target, token)
    result = CliRunner().invoke(main, ["run", str(article), "--from", source, "--to", target, "--config", str(config),
                                       "--dry-run"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["segment"] for line in lines][:2] == ["Lavrov Visits Yerevan", "YEREVAN -- Russian Foreign Minister "
                                                       "Sergei Lavrov arrived in Yerevan on May 21, 2021, at 15:30, "
                                                       "officials said."]
    assert not list(tmp_path.glob(f"article.{target}*"))  # nothing written, nothing translated
    folder = opus_tokenizers / name
    # The article has what the checkpoint cannot represent (the Armenian name, « » in en-mg) …
    assert sum(len(unknown_pieces(folder, line["segment"])) for line in lines) > 0
    for line in lines:
        # … and none of it reaches the model.
        assert unknown_pieces(folder, line["mt_input"]) == [], line
        assert line["mt_input"].startswith(f"{token} ") if token else not line["mt_input"].startswith(">>")
    named = next(line for line in lines if ARMENIAN_NAME in line["segment"])
    assert ARMENIAN_NAME not in named["mt_input"] and " 901 " in named["mt_input"]  # carried around the engine
    quoted = next(line for line in lines if "“deal”" in line["segment"])
    # Moses normalisation, as Opus-MT's preprocessing: quotes and dashes; the quantities as written.
    # (English moves the comma inside the quotes, as Moses does.)
    assert ('"deal,"' if source == "en" else '"deal",') in quoted["mt_input"] and " - the CSTO" in quoted["mt_input"]
    assert "$2.5 billion" in quoted["mt_input"] and "12.5 percent" in quoted["mt_input"]


def test_dry_run_of_a_multilingual_checkpoint_without_its_token_is_refused(opus_tiny, tmp_path):
    article, config = _setup(tmp_path, opus_tiny["opus-mt-tc-big-en-pt"], "en", "pt", None)
    result = CliRunner().invoke(main, ["run", str(article), "--from", "en", "--to", "pt", "--config", str(config),
                                       "--dry-run"])
    assert result.exit_code == 3, result.output
    assert ">>pob<<, >>por<<" in result.output


def test_a_run_reports_every_quantity_and_name_the_engine_lost(opus_tiny, tmp_path):
    """A random model keeps nothing: each quantity and the carried name is an error finding naming it."""
    article, config = _setup(tmp_path, opus_tiny["opus-mt-en-mg"], "en", "mg", None)
    result = CliRunner().invoke(main, ["run", str(article), "--from", "en", "--to", "mg", "--config", str(config),
                                       "--engine", "ctranslate2", "--no-cache", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "article.mg.txt.report.json").read_text(encoding="utf-8"))
    text = json.dumps(report, ensure_ascii=False)
    for quantity in ("May 21, 2021", "15:30", "$2.5 billion", "1,500", "12.5 percent", "3 June 2021"):
        assert f"the engine dropped or changed '{quantity}'" in text, quantity
    assert f"the engine dropped '{ARMENIAN_NAME}'" in text
    assert report["signature"]["engines"]["en"]["quantities"]["scheme"] == "digits"
