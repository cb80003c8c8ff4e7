"""The pipeline: read → segment → translate → write, for many articles and targets.

Segments of all documents are collected per language direction, deduplicated and sent
to the engine together (length-sorted, token-budget batches form inside the engine),
then each document is rebuilt from its own segments. Chrome and duplicates never reach
the engine, nor do segments the translation memory (translate.memory) already holds, nor
text already in the target language (an article in it is copied: "same language").

What the translators found comes back with each translation (glossary terms, findings:
:class:`~translate.engines.base.Translation`) and is put on every segment that was sent
as that text; reports and QA read it from the document.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from translate import __version__, markup
from translate.config import Config
from translate.document import Disposition, Document
from translate.engines import Translation, Translator, engine_class
from translate.errors import InputError, UnsupportedLanguagePair
from translate.findings import Finding, Severity
from translate.glossary import Glossary, configured_glossary
from translate.io.catalogs import UiCatalogs, configured_ui_catalogs, warn_unknown_site
from translate.io.readers import parse_bytes, read_bytes
from translate.localisation.chrome import localise_chrome
from translate.memory import TranslationMemory
from translate.pipeline.chain import Chain, EngineChoice, build_chain
from translate.segmentation import segment_document, segmenter_signature

log = logging.getLogger(__name__)

# How many engine batches' worth of unique segments go to the engine per call: progress is
# reported between calls, and each call may end in a part-filled batch, so not too few.
_BATCHES_PER_CALL = 4
NOTHING_TO_TRANSLATE = "document.nothing-to-translate"  # the code of an article with no segment to translate

Progress = Callable[[int], None]


class Pipeline:
    def __init__(
        self,
        config: Config,
        *,
        engine: str | None = None,
        model: str | None = None,
        fallback: str | None = None,
        chrome: str | None = None,
        glossary: Glossary | None = None,
        memory: TranslationMemory | None = None,
        ui_catalogs: UiCatalogs | None = None,
        site: str | None = None,
        dry_run: bool = False,
    ):
        self.config = config
        self.memory = memory
        # The configured glossary files, unless one is given (an empty Glossary turns it off).
        self.glossary = glossary if glossary is not None else configured_glossary(config)
        self.engine = engine or config.engine
        self.model = model
        self.fallback = fallback
        self.chrome = chrome or config.chrome
        # The articles' site (--site, else [segmentation] site); without it each page's URL tells.
        self.site = site or config.raw.get("segmentation", {}).get("site") or None
        self.choice = EngineChoice(self.engine, model, fallback, dry_run)
        self._chains: dict[tuple[str, str], Chain] = {}
        self._building = threading.Lock()  # threads of `translate batch -j` share each chain
        self._ui_catalogs = ui_catalogs  # the configured ones, loaded on first use, unless given
        engine_class(self.engine)  # an unknown name fails now, before any work
        if fallback:
            engine_class(fallback)

    # --- stages ----------------------------------------------------------------------

    def prepare(self, path: Path, source: str) -> Document:
        """Read and segment the one article of ``path`` (the first of a JSON Lines file)."""
        documents, errors = self.prepare_bytes(read_bytes(path), path, source)
        if not documents:
            raise InputError(f"{path}: {errors[0][1] if errors else 'no article in it'}")
        return documents[0]

    def prepare_bytes(self, data: bytes, path: Path, source: str | None,
                      options: dict[str, str] | None = None) -> tuple[list[Document], list[tuple[str, str]]]:
        """Read and segment the articles of one file; also the articles that could not be read.

        ``source`` is the articles' language (--from); None has each article's identified.
        """
        result = parse_bytes(data, path, source, self.reading_options(options))
        settings = self.config.raw.get("segmentation", {})
        for document in result.documents:
            segment_document(
                document,
                chrome=self.chrome,
                keep_duplicates=settings.get("keep_duplicates", False),
                catalogs=self.ui_catalogs(),
                site=self.site,
                default_language=self.config.source,
            )
            if not document.translatable_segments():
                document.findings.append(Finding(
                    NOTHING_TO_TRANSLATE, Severity.WARNING,
                    "no text to translate was found in this article: the output is the input as it was; "
                    "check that the file holds the article (see `translate segment`)"))
        return result.documents, result.errors

    def reading_options(self, options: dict[str, str] | None = None) -> dict[str, str]:
        """How files are read and written back: ``options`` (JSON Lines field names, ``encoding``)
        over the configuration's ``[jsonl]`` table."""
        return {**self.config.raw.get("jsonl", {}), **{k: v for k, v in (options or {}).items() if v is not None}}

    def settings(self, **extra: object) -> dict[str, object]:
        """Everything that shapes the output, for fingerprints: rerun only when it changes."""
        return {
            "translate": __version__,
            "engine": self.engine,
            "model": self.model,
            "fallback": self.fallback,
            "chrome": self.chrome,
            "site": self.site,
            "config": self.config.raw,
            "segmenter": segmenter_signature(),
            "glossary": self.glossary.digest() if self.glossary else None,
            "ui_catalogs": self.ui_catalogs().signature(),
            **extra,
        }

    def check_route(self, source: str | None, target: str) -> None:
        """Fail now, before any work, when no checkpoint takes ``source`` to ``target`` — or, with
        the source identified per article (None), when no configured checkpoint leads to it."""
        if not engine_class(self.engine).needs_checkpoint or self.model is not None:
            return
        if source is None:
            for candidate in dict.fromkeys(pair[0] for pair in self.config.models):
                if candidate == target:
                    continue
                try:
                    self.config.route(candidate, target)
                    return
                except UnsupportedLanguagePair:
                    continue
            source = self.config.source
        self.config.route(source, target)

    def translator(self, source: str, target: str) -> Translator:
        """The translator for one direction (:mod:`translate.pipeline.chain`), built once."""
        key = (source, target)
        with self._building:
            if key not in self._chains:
                self._chains[key] = build_chain(self.config, self.choice, source, target,
                                                glossary=self.glossary, memory=self.memory)
        return self._chains[key].translator

    def use_glossary(self, glossary: Glossary) -> None:
        """Enforce ``glossary`` from now on (a long-running server whose glossary was edited):
        each direction's wrappers are rebuilt around the engines already loaded."""
        with self._building:
            self.glossary = glossary
            self._chains = {
                key: build_chain(self.config, self.choice, *key, glossary=glossary, memory=self.memory,
                                 hops=list(chain.hops))
                for key, chain in self._chains.items()
            }

    def ui_catalogs(self) -> UiCatalogs:
        """The UI-string catalogs of the configuration, loaded once: the segmenter recognises
        chrome by them and the ``localise`` policy renders from them."""
        if self._ui_catalogs is None:
            self._ui_catalogs = configured_ui_catalogs(self.config)
            warn_unknown_site(self._ui_catalogs, self.site)
        return self._ui_catalogs

    def memory_counts(self) -> tuple[int, int]:
        """Segments answered by the translation memory, and segments sent to the engine, so far."""
        wrappers = [chain.memory for chain in self._chains.values() if chain.memory is not None]
        return sum(w.hits for w in wrappers), sum(w.misses for w in wrappers)

    def translate_documents(
        self, documents: Sequence[Document], target: str, progress: Progress | None = None
    ) -> list[tuple[Document, dict[str, object]]]:
        """Translated copies of ``documents`` into ``target`` and the signature of each."""
        copies = [copy.deepcopy(document) for document in documents]
        for document in copies:
            document.metadata["target"] = target  # writers that mark the language (HTML lang)
        if self.chrome == "localise":
            for document in copies:
                localise_chrome(document, target, self.ui_catalogs())
        by_source: dict[str, list] = {}
        used: list[list[str]] = []  # per document, the source languages its segments go from
        for document in copies:
            languages: list[str] = []
            for block in document.blocks:
                if block.disposition is not Disposition.TRANSLATE:
                    continue
                language = self._language(block, document)
                for segment in block.segments:
                    if language == target:  # already in the target language: copied
                        segment.translation = segment.text
                    else:
                        by_source.setdefault(language, []).append(segment)
                        if language not in languages:
                            languages.append(language)
            used.append(languages)
        signatures: dict[str, dict[str, object]] = {}
        for source, segments in by_source.items():
            translator = self.translator(source, target)
            signatures[source] = translator.signature()
            unique = list(dict.fromkeys(segment.mt_input for segment in segments))
            per_call = _BATCHES_PER_CALL * self.config.generation.batch_size
            translations = dict(zip(unique, self._translate_in_calls(translator, unique, per_call, progress)))
            for segment in segments:
                translation = translations[segment.mt_input]
                if segment.markup:  # the tags where the engine put them (repaired where it lost them)
                    segment.marked, _ = markup.repair(translation.text, markup.expected(segment.markup))
                segment.translation = markup.strip(translation.text)
                # Each segment its own lists: a later stage may add to one segment's.
                segment.terms = list(translation.terms)
                segment.findings = list(translation.findings)
        # Each article's own engines: those its segments went through, not the whole batch's.
        return [(document, self.signature(document, target, {source: signatures[source] for source in languages}))
                for document, languages in zip(copies, used)]

    def model_inputs(self, document: Document, target: str) -> list[tuple[str, str]]:
        """(segment text, what the model would be given for it) for each engine input of
        ``document`` into ``target``, in order, each input once; nothing is translated (with
        a dry-run pipeline no weights are loaded either). Segments already in the target
        language are copied, so never reach the engine."""
        by_source: dict[str, dict[str, str]] = {}  # language → {mt_input: segment text}
        for block in document.blocks:
            if block.disposition is not Disposition.TRANSLATE:
                continue
            language = self._language(block, document)
            if language == target:
                continue
            for segment in block.segments:
                by_source.setdefault(language, {}).setdefault(segment.mt_input, segment.text)
        inputs = []
        for source, segments in by_source.items():
            given = self.translator(source, target).model_inputs(list(segments))
            inputs += list(zip(segments.values(), given))
        return inputs

    def _language(self, block, document: Document) -> str:
        """The language ``block``'s segments are translated from."""
        return block.language or document.language or self.config.source

    @staticmethod
    def _translate_in_calls(
        translator: Translator, texts: list[str], per_call: int, progress: Progress | None
    ) -> list[Translation]:
        # Longest first, so each call's batches are of similar length.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        results: list[Translation] = [Translation("")] * len(texts)
        for start in range(0, len(order), per_call):
            chunk = order[start : start + per_call]
            for index, translation in zip(chunk, translator.translate_full([texts[i] for i in chunk])):
                results[index] = translation
            if progress:
                progress(len(chunk))
        return results

    def signature(self, document: Document, target: str, engines: dict[str, dict[str, object]]) -> dict[str, object]:
        """What made this article's translation: only the engines its own segments went through
        (none for an article already in the target language, which is copied)."""
        return {
            "translate": __version__,
            "source": document.language,
            "source_language": document.metadata.get("language"),
            "site": document.metadata.get("site"),
            "target": target,
            "same_language": document.language == target,
            "engines": engines,
            "chrome": self.chrome,
            "ui_catalogs": self.ui_catalogs().signature(),
            "segmenter": segmenter_signature(),
            "glossary": self.glossary.digest() if self.glossary and self.glossary.covers(document.language, target)
            else None,
        }
