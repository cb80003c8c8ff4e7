"""The language of an article and of its blocks.

A script does not tell a language: Russian, Ukrainian and Kyrgyz share Cyrillic, English,
Turkmen and Crimean Tatar share Latin. The statistical identifier is py3langid (a
maintained langid.py, 139 languages with crh, tk, ky, tt, uk …, its model shipped inside
the package: nothing is downloaded). It is imported and its model loaded (about a second)
only when an article's language is not given.

* An **article's** language: py3langid over the text of its content blocks (chrome left
  out) in the script most of its letters use; when the identifier is unsure, or names a
  language of another script, the fallback (the configuration's ``source``) if it is written
  in that script, else the script's usual language.
* A **block's** language: the article's when the block is in the article's script (a
  Ukrainian article's short headings are Ukrainian, not Russian); a block in another script
  (an English caption on a Russian page, an Armenian heading above an English article) is
  identified on its own when it is long enough, else by its script.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from translate.segmentation.scripts import SCRIPT_LANGUAGE, dominant_script, letters_by_script, script_of_language

# Fewer letters than this say too little for a statistical identifier: the script decides.
MIN_LETTERS = 20
# Below this probability the identifier's answer is not taken.
MIN_CONFIDENCE = 0.5
# The identifier reads this much of an article: more changes nothing but the time.
_SAMPLE_CHARACTERS = 6000
IDENTIFIER = "py3langid"

_loading = threading.Lock()


@dataclass(frozen=True)
class Identification:
    """A language and how it was told: ``given`` (--from), ``detected`` (the identifier,
    with its probability), or ``script`` / ``fallback`` where the identifier could not tell."""

    language: str
    method: str
    confidence: float | None = None

    def describe(self) -> str:
        if self.method == "detected":
            return f"{self.language} (detected by {IDENTIFIER}, p={self.confidence:.2f})"
        if self.method == "given":
            return f"{self.language} (given)"
        return f"{self.language} ({self.method}: too little text to identify)"

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"language": self.language, "method": self.method}
        if self.confidence is not None:
            data["confidence"] = round(self.confidence, 3)
            data["identifier"] = IDENTIFIER
        return data


_model: list[object] = []


def _identifier():
    if not _model:
        with _loading:  # threads of `translate batch -j` load the model once
            if not _model:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _model.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    return _model[0]


def identify(text: str) -> tuple[str, float]:
    """py3langid's language for ``text`` and its probability."""
    language, probability = _identifier().classify(text)
    return str(language), float(probability)


def _letters(text: str) -> int:
    return sum(character.isalpha() for character in text)


def article_language(texts: list[str], fallback: str) -> Identification:
    """The language of an article whose content blocks are ``texts``."""
    letters: dict[str, int] = {}
    for text in texts:
        for script, count in letters_by_script(text).items():
            letters[script] = letters.get(script, 0) + count
    if not letters:
        return Identification(fallback, "fallback")
    script = max(letters, key=letters.__getitem__)
    sample = "\n".join(text for text in texts if dominant_script(text) == script)[:_SAMPLE_CHARACTERS]
    if _letters(sample) >= MIN_LETTERS:
        language, probability = identify(sample)
        if probability >= MIN_CONFIDENCE and script_of_language(language) == script:
            return Identification(language, "detected", probability)
    if script_of_language(fallback) == script:
        return Identification(fallback, "fallback")
    return Identification(SCRIPT_LANGUAGE.get(script, fallback), "script")


def block_language(text: str, article: str) -> str:
    """The language of one block of an article in ``article`` (see the module's docstring)."""
    script = dominant_script(text)
    if script is None or script == script_of_language(article):
        return article
    if _letters(text) >= MIN_LETTERS:
        language, probability = identify(text)
        if probability >= MIN_CONFIDENCE and script_of_language(language) == script:
            return language
    return SCRIPT_LANGUAGE.get(script, article)
