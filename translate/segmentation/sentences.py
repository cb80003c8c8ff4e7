"""Sentence splitting with offsets: sentencex's boundaries, corrected by news rules.

sentencex (Wikimedia's segmenter, maintained, ~1M sentences/s) proposes the breaks; the
rules below add the ones it misses (a sentence ending in "долл." before a capital, list
items, a four-dot ellipsis) and remove the ones it gets wrong (Armenian ՜ inside a word,
"т. е.", "Ms.", a list marker cut off its item, a Russian quotation cut off the author's
words after it). Every sentence is a ``(start, end)`` span of the text,
stripped of surrounding white space, so nothing is ever lost.

Call it per paragraph: the work is linear in the paragraph's length.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import regex
import sentencex

from translate.languages import SentenceRules, rules_for

Span = tuple[int, int]

# How far around a break the rules look (characters): enough for any abbreviation.
_WINDOW = 40
# sentencex keeps a quotation whole ("“A. B,” he said."). Past this length a sentence
# that holds quotation marks is also cut at the sentence ends inside the quotation:
# Opus-MT, trained on single sentences, drops text from long multi-sentence inputs.
LONG_SENTENCE = 400
_QUOTATION_MARKS = regex.compile(r"[\"“”„«»‹›]")

_WORD = regex.compile(r"\w")
_LIST_MARKER = regex.compile(r"[-–—•⁃*·]?\s*(?:\d{1,3}|\p{L}|[ivxIVX]{1,4})[.)]")
_QUOTED_END = regex.compile(r"[.?!…][\"”»’']\Z")
# The author's words after a quotation start in lower case, after a dash or not.
_CONTINUATION = regex.compile(r"(?:[—–-]\s*)?\p{Ll}")
# "…compounds. . . . The practice": the first dot ends the sentence, the ellipsis opens the next.
_FOUR_DOT = regex.compile(r"(?<=\p{L}\.)(?= \. \. \.\s+\p{Lu})")
# A list item marker at the start of a paragraph: "1. ", "a. ", "⁃9. ".
_LIST_START = regex.compile(r"\A\s*([-–—•⁃*·]?)(\d{1,2}|[a-z])[.)]\s")


@dataclass(frozen=True)
class BreakContext:
    """A proposed break at ``position``, in the sentence that started at ``start``.

    Rules look at bounded windows around the break, so a paragraph costs linear time
    however many breaks its sentences join.
    """

    text: str
    start: int
    position: int

    @functools.cached_property
    def left(self) -> str:
        """The text just before the break, without trailing space."""
        return self.text[max(self.start, self.position - _WINDOW) : self.position].rstrip()

    @functools.cached_property
    def right(self) -> str:
        """The text just after the break, without leading space."""
        return self.text[self.position : self.position + _WINDOW].lstrip()

    @functools.cached_property
    def short_fragment(self) -> str | None:
        """The sentence the break would close, stripped, if it is short enough to be a
        fragment (a list marker); None for a longer one."""
        if self.position - self.start > _WINDOW:
            return None
        return self.text[self.start : self.position].strip()


JoinRule = Callable[[BreakContext, "SentenceSplitter"], bool]
JOIN_RULES: list[tuple[str, JoinRule]] = []


def join_rule(name: str) -> Callable[[JoinRule], JoinRule]:
    """Register a rule that vetoes a proposed break (returns True to join the sentences)."""

    def register(rule: JoinRule) -> JoinRule:
        JOIN_RULES.append((name, rule))
        return rule

    return register


@join_rule("no words: punctuation alone is not a sentence")
def _no_words(context: BreakContext, splitter: SentenceSplitter) -> bool:
    return _WORD.search(context.text, context.start, context.position) is None


@join_rule("a list marker belongs to its item")
def _list_marker(context: BreakContext, splitter: SentenceSplitter) -> bool:
    fragment = context.short_fragment
    return fragment is not None and _LIST_MARKER.fullmatch(fragment) is not None


@join_rule("a mark written inside a word (Armenian ՜ ՞ ՛)")
def _word_internal_mark(context: BreakContext, splitter: SentenceSplitter) -> bool:
    last = context.left[-1:]
    return bool(last) and last in splitter.rules.word_internal_marks


@join_rule("an abbreviation that never ends a sentence (т. е., Mr.)")
def _never_final(context: BreakContext, splitter: SentenceSplitter) -> bool:
    pattern = splitter.never_final
    return pattern is not None and pattern.search(context.left) is not None


@join_rule("a quotation continued by the author's words («Стой!» — крикнул он)")
def _quote_continued(context: BreakContext, splitter: SentenceSplitter) -> bool:
    return bool(_QUOTED_END.search(context.left)) and _CONTINUATION.match(context.right) is not None


def _abbreviation(abbreviation: str) -> str:
    """``"т. е."`` → ``т\\.\\s*е\\.``: any space, or none, after each inner dot."""
    words = [r"\s+".join(regex.escape(word) for word in part.split()) for part in abbreviation.split(".")]
    if words[-1] == "":  # it ends with a dot
        return r"\.\s*".join(words[:-1]) + r"\."
    return r"\.\s*".join(words)


def _any_of(abbreviations: tuple[str, ...]) -> str:
    return "|".join(_abbreviation(item) for item in sorted(abbreviations, key=len, reverse=True))


class SentenceSplitter:
    """Splits paragraphs of one language into sentence spans."""

    def __init__(self, language: str, rules: SentenceRules | None = None):
        self.language = language
        self.rules = rules or rules_for(language).sentences
        rules = self.rules
        self.never_final = regex.compile(rf"(?<!\w)(?:{_any_of(rules.never_final)})\Z") if rules.never_final else None
        self.final_before_capital = (
            regex.compile(rf"(?<!\w)(?:{_any_of(rules.final_before_capital)})[ \t]+(?=\p{{Lu}}\p{{Ll}})")
            if rules.final_before_capital
            else None
        )

    def split(self, text: str) -> list[Span]:
        """The sentences of ``text`` as ``(start, end)`` spans, in order, stripped."""
        if not text.strip():
            return []
        breaks = set(self._base_breaks(text))
        breaks.update(self._added_breaks(text))
        spans = self._joined(text, breaks)
        long_quotations = [
            (start, end)
            for start, end in spans
            if end - start > LONG_SENTENCE and _QUOTATION_MARKS.search(text, start, end)
        ]
        if not long_quotations:
            return spans
        # The same text with its quotation marks blanked (offsets unchanged): the base
        # segmenter then proposes the breaks inside the quotation too.
        unquoted = _QUOTATION_MARKS.sub(" ", text)
        breaks.update(
            position
            for position in self._base_breaks(unquoted)
            if any(start < position < end for start, end in long_quotations)
        )
        return self._joined(text, breaks)

    def _joined(self, text: str, breaks: set[int]) -> list[Span]:
        kept: list[int] = []
        start = 0
        for position in sorted(breaks):
            if 0 < position < len(text) and not self._joins(BreakContext(text, start, position)):
                kept.append(position)
                start = position
        return _spans(text, kept)

    def _base_breaks(self, text: str) -> list[int]:
        boundaries = sentencex.get_sentence_boundaries(self.language, text)
        return [boundary["start_index"] for boundary in boundaries[1:]]

    def _added_breaks(self, text: str) -> list[int]:
        added = [match.end() for match in self.final_before_capital.finditer(text)] if self.final_before_capital else []
        added.extend(match.start() for match in _FOUR_DOT.finditer(text))
        added.extend(_list_item_breaks(text))
        return added

    def _joins(self, context: BreakContext) -> bool:
        return any(rule(context, self) for _, rule in JOIN_RULES)


def _list_item_breaks(text: str) -> list[int]:
    """Breaks before each further item of a list that opens the paragraph ("1. … 2. …")."""
    first = _LIST_START.match(text)
    if first is None:
        return []
    bullet, marker = first.group(1), first.group(2)
    breaks = []
    position = first.end()
    while True:
        marker = str(int(marker) + 1) if marker.isdigit() else chr(ord(marker) + 1)
        following = regex.compile(rf"(?<=\s){regex.escape(bullet)}{regex.escape(marker)}[.)]\s").search(text, position)
        if following is None:
            return breaks
        breaks.append(following.start())
        position = following.end()


def _spans(text: str, breaks: list[int]) -> list[Span]:
    spans: list[Span] = []
    for start, end in zip([0, *breaks], [*breaks, len(text)]):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        begin = start + len(chunk) - len(chunk.lstrip())
        spans.append((begin, begin + len(stripped)))
    # Punctuation left alone at the end (a stray closing quote) goes with the sentence before.
    if len(spans) > 1 and not _WORD.search(text[spans[-1][0] : spans[-1][1]]):
        last = spans.pop()
        spans[-1] = (spans[-1][0], last[1])
    return spans


@functools.lru_cache(maxsize=64)
def splitter_for(language: str) -> SentenceSplitter:
    """One splitter per language code, built on first use."""
    return SentenceSplitter(language)


def split_sentences(text: str, language: str) -> list[Span]:
    """Spans of the sentences of ``text`` (leading and trailing space excluded).

    ``language`` is a language or locale code (``hy``, ``hy_AM``, ``ru-RU``); languages
    without rules of their own get the fallback's and sentencex's own fallback chain.
    """
    return splitter_for(language.replace("-", "_").split("_")[0].lower()).split(text)


@functools.cache  # asked for every document's signature; the installed version does not change
def segmenter_signature() -> str:
    """Names the segmenter and its base library's version, for the output's signature."""
    from importlib.metadata import version

    return f"translate-sentences/1+sentencex-{version('sentencex')}"
