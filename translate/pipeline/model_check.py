"""What a checkpoint will do to our text, before a batch (`translate models check`).

Read from the checkpoint's own tokenizer files (source.spm, target.spm, vocab.json,
config.json), the source of truth for what reaches the model and what can come out:

- its special ids and whether it is multilingual-target (which ``>>xxx<<`` tokens);
- for every wrapper that puts placeholders in (glossary, quantities, characters), the
  scheme it will use with this checkpoint — the first of its schemes that round-trips
  source.spm → vocabulary → target.spm with no ``<unk>`` and nothing normalised, as the
  wrapper itself decides when the engine loads — and the schemes it tried before;
- which characters of news text in the configured languages it loses (``<unk>``) or
  changes (``№`` → ``No``).

Nothing here loads weights: it takes milliseconds and works on a tokenizer folder alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from translate.engines.marian_vocab import MarianVocabulary
from translate.engines.neural import model_coverage
from translate.engines.placeholders import sample_coverage
from translate.languages import news_characters

def wrapper_schemes() -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """(wrapper, [(scheme, sample placeholders), …] best first) for every wrapper with placeholders."""
    from translate.glossary.enforce import PLACEHOLDER_SCHEMES
    from translate.localisation.carrying import SCHEMES as CARRYING
    from translate.localisation.protection import SCHEMES as QUANTITIES

    return [
        ("glossary", [(name, scheme.samples()) for name, scheme in PLACEHOLDER_SCHEMES.items()]),
        ("quantities", [(name, samples) for name, samples in QUANTITIES.items()]),
        ("characters", [(name, scheme.samples()) for name, scheme in CARRYING.items()]),
    ]


def placeholder_report(vocabulary: MarianVocabulary) -> tuple[list[dict], list[dict]]:
    """(the scheme each wrapper uses with this vocabulary, the schemes it tried and passed over)."""
    used, passed_over = [], []
    for wrapper, schemes in wrapper_schemes():
        for index, (scheme, samples) in enumerate(schemes):
            coverage = sample_coverage(vocabulary.coverage, samples)
            item = {
                "wrapper": wrapper,
                "scheme": scheme,
                "samples": samples,
                "round_trip": coverage.round_trip,
                "unknown_characters": list(coverage.unknown),
                "normalised_characters": dict(coverage.normalised),
            }
            if coverage.round_trip or index == len(schemes) - 1:  # the last one: refused, shown why
                used.append(item)
                break
            passed_over.append(item)
    return used, passed_over


def check_checkpoint(directory: Path, languages: Sequence[str]) -> dict[str, object]:
    """The report `translate models check` prints (its JSON form)."""
    vocabulary = MarianVocabulary(directory)
    config = _json(directory / "config.json")
    tokenizer = _json(directory / "tokenizer_config.json")
    placeholders, passed_over = placeholder_report(vocabulary)
    inventory = news_characters(languages)
    normalised: dict[str, str] = {}
    for character in inventory:
        normalised.update(vocabulary.coverage(character).normalised)
    source = tokenizer.get("source_lang") or "en"
    # What is still lost after the engine's Moses normalisation: the characters wrapper carries them.
    carried = [character for character in inventory if model_coverage(vocabulary, character, source).unknown]
    return {
        "checkpoint": str(directory),
        "source": tokenizer.get("source_lang"),
        "target": tokenizer.get("target_lang"),
        "vocab_size": len(vocabulary.ids),
        "special_ids": {
            **{token: vocabulary.special_ids[role] for role, token in vocabulary.special_tokens.items()},
            "decoder_start": config.get("decoder_start_token_id"),
        },
        "needs_target_token": bool(vocabulary.language_tokens),
        "target_tokens": vocabulary.language_tokens,
        "placeholders": placeholders,
        "placeholders_passed_over": passed_over,
        "languages": list(languages),
        "characters_tested": len(inventory),
        "unknown_characters": [character for character in inventory if vocabulary.lost(character)],
        "carried_characters": carried,
        "normalised_characters": normalised,
    }


def _json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def render_text(report: dict) -> str:
    """The report for a person: one fact a line, problems first in each."""
    special = "  ".join(f"{token}={value}" for token, value in report["special_ids"].items())
    lines = [
        f"checkpoint: {report['checkpoint']} ({report['source']}→{report['target']}, {report['vocab_size']} pieces)",
        f"special ids: {special}",
    ]
    if report["needs_target_token"]:
        lines.append(f"multilingual target: set target_token to one of {', '.join(report['target_tokens'])}")
    else:
        lines.append("one target language: no target token")
    lines.append("placeholders (source.spm → vocabulary → target.spm), the scheme each wrapper uses:")
    for item in report["placeholders"]:
        verdict = "round trip" if item["round_trip"] else "LOST (the wrapper refuses this checkpoint): " + _losses(item)
        lines.append(f"  {item['wrapper']:<10} {item['scheme']:<12} {' '.join(item['samples'])}: {verdict}")
    for item in report["placeholders_passed_over"]:
        lines.append(f"  (passed over: {item['wrapper']} {item['scheme']} {' '.join(item['samples'])}: {_losses(item)})")
    unknown = report["unknown_characters"]
    lines.append(f"news characters ({', '.join(report['languages'])}): {report['characters_tested']} tested, "
                 f"{len(unknown)} become <unk>{': ' + ' '.join(unknown) if unknown else ''}")
    if report["carried_characters"]:
        lines.append(f"carried around the engine (lost even after Moses normalisation): "
                     f"{' '.join(report['carried_characters'])}")
    if report["normalised_characters"]:
        changed = ", ".join(f"{c} → {seen!r}" for c, seen in report["normalised_characters"].items())
        lines.append(f"changed by sentencepiece normalisation: {changed}")
    return "\n".join(lines)


def _losses(item: dict) -> str:
    parts = []
    if item["unknown_characters"]:
        parts.append(f"{' '.join(item['unknown_characters'])} become <unk>")
    if item["normalised_characters"]:
        parts.append(", ".join(f"{c} becomes {seen!r}" for c, seen in item["normalised_characters"].items()))
    return "; ".join(parts)
