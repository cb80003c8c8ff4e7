"""What a checkpoint will do to our text, before a batch (`translate models check`).

Read from the checkpoint's own tokenizer files (source.spm, target.spm, vocab.json,
config.json), the source of truth for what reaches the model and what can come out:

- its special ids and whether it is multilingual-target (which ``>>xxx<<`` tokens);
- for every placeholder scheme the wrappers use (read from the wrappers' modules),
  whether it round-trips: source.spm → vocabulary → target.spm with no ``<unk>`` and
  no character that sentencepiece normalises into another;
- which characters of news text in the configured languages it loses (``<unk>``) or
  changes (``№`` → ``No``).

Nothing here loads weights: it takes milliseconds and works on a tokenizer folder alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from translate.engines.base import Coverage
from translate.engines.marian_vocab import MarianVocabulary
from translate.languages import news_characters

# Placeholders tried per scheme: first ones, and a two-digit index.
_SAMPLE_INDICES = (1, 2, 10)


def wrapper_placeholders() -> list[tuple[str, str, list[str]]]:
    """(wrapper, scheme, sample placeholders) for every placeholder scheme a wrapper may use."""
    from translate.glossary.enforce import PLACEHOLDER_SCHEMES
    from translate.localisation.protection import PLACEHOLDER

    schemes = [("glossary", name, scheme.tokens(len(_SAMPLE_INDICES), "")) for name, scheme in PLACEHOLDER_SCHEMES.items()]
    schemes.append(("quantities", "brackets", [PLACEHOLDER.format(index) for index in _SAMPLE_INDICES]))
    return schemes


def placeholder_coverage(vocabulary: MarianVocabulary, samples: Sequence[str]) -> Coverage:
    """What the vocabulary does to ``samples``: each alone, and in a row before a full stop."""
    coverage = Coverage()
    for text in [*samples, " ".join(samples) + "."]:
        coverage |= vocabulary.coverage(text)
    return coverage


def check_checkpoint(directory: Path, languages: Sequence[str]) -> dict[str, object]:
    """The report `translate models check` prints (its JSON form)."""
    vocabulary = MarianVocabulary(directory)
    config = _json(directory / "config.json")
    tokenizer = _json(directory / "tokenizer_config.json")
    placeholders = []
    for wrapper, scheme, samples in wrapper_placeholders():
        coverage = placeholder_coverage(vocabulary, samples)
        placeholders.append({
            "wrapper": wrapper,
            "scheme": scheme,
            "samples": samples,
            "round_trip": coverage.round_trip,
            "unknown_characters": list(coverage.unknown),
            "normalised_characters": dict(coverage.normalised),
        })
    inventory = news_characters(languages)
    normalised: dict[str, str] = {}
    for character in inventory:
        normalised.update(vocabulary.coverage(character).normalised)
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
        "languages": list(languages),
        "characters_tested": len(inventory),
        "unknown_characters": [character for character in inventory if vocabulary.lost(character)],
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
    lines.append("placeholders (source.spm → vocabulary → target.spm):")
    for item in report["placeholders"]:
        verdict = "round trip" if item["round_trip"] else "LOST: " + _losses(item)
        lines.append(f"  {item['wrapper']:<10} {item['scheme']:<9} {' '.join(item['samples'])}: {verdict}")
    unknown = report["unknown_characters"]
    lines.append(f"news characters ({', '.join(report['languages'])}): {report['characters_tested']} tested, "
                 f"{len(unknown)} become <unk>{': ' + ' '.join(unknown) if unknown else ''}")
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
