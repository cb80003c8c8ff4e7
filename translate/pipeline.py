"""The pipeline: read → segment → translate → write, for many articles and targets.

Segments of all documents are collected per language direction, deduplicated and sent
to the engine together (length-sorted batches form inside the engine), then each
document is rebuilt from its own segments. Chrome and duplicates never reach the engine.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from translate import __version__
from translate.config import Config
from translate.document import Disposition, Document
from translate.engines import EngineSpec, PivotTranslator, Translator, engine_class, load_engine
from translate.errors import ModelNotAvailable
from translate.glossary import Glossary, compliance_section, configured_glossary, enforcement_settings, wrap
from translate.locales import language_of
from translate.readers import read_document
from translate.segmentation import segment_document
from translate.writers import render_text, write_atomic

log = logging.getLogger(__name__)

# How many unique segments go to the engine per call: progress is reported between calls.
_SEGMENTS_PER_CALL = 64

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
    ):
        self.config = config
        # The configured glossary files, unless one is given (an empty Glossary turns it off).
        self.glossary = glossary if glossary is not None else configured_glossary(config)
        self.engine = engine or config.engine
        self.model = model
        self.fallback = fallback
        self.chrome = chrome or config.chrome
        self._translators: dict[tuple[str, str], Translator] = {}
        engine_class(self.engine)  # an unknown name fails now, before any work
        if fallback:
            engine_class(fallback)

    # --- stages ----------------------------------------------------------------------

    def prepare(self, path: Path, source: str) -> Document:
        """Read and segment one article."""
        document = read_document(path, language=source)
        return segment_document(document, chrome=self.chrome)

    def translator(self, source: str, target: str) -> Translator:
        """The translator for one direction, loaded once (through the pivot where needed)."""
        key = (source, target)
        if key not in self._translators:
            enforce, placeholder = enforcement_settings(self.config)
            self._translators[key] = wrap(self._load(source, target), self.glossary, enforce=enforce,
                                          placeholder=placeholder)
        return self._translators[key]

    def _load(self, source: str, target: str) -> Translator:
        needs_checkpoint = engine_class(self.engine).needs_checkpoint
        specs = self.config.engine_specs(source, target, model=self.model if needs_checkpoint else None)
        try:
            hops = [load_engine(self.engine, spec) for spec in specs]
        except ModelNotAvailable as error:
            if not self.fallback:
                raise
            log.warning("%s", error)
            log.warning("falling back to the %r engine for %s→%s, as --fallback asks", self.fallback, source, target)
            hops = [load_engine(self.fallback, EngineSpec(source, target, generation=self.config.generation))]
        translator = hops[0]
        for hop in hops[1:]:
            translator = PivotTranslator(translator, hop)
        return translator

    def translate_documents(
        self, documents: Sequence[Document], target: str, progress: Progress | None = None
    ) -> list[tuple[Document, dict[str, object]]]:
        """Translated copies of ``documents`` into ``target`` and the signature of each."""
        copies = [copy.deepcopy(document) for document in documents]
        by_source: dict[str, list] = {}
        for document in copies:
            for block in document.blocks:
                if block.disposition is not Disposition.TRANSLATE:
                    continue
                language = block.language or document.language or self.config.source
                for segment in block.segments:
                    if language == target:  # already in the target language
                        segment.translation = segment.text
                    else:
                        by_source.setdefault(language, []).append(segment)
        signatures: dict[str, dict[str, object]] = {}
        for source, segments in by_source.items():
            translator = self.translator(source, target)
            signatures[source] = translator.signature()
            unique = list(dict.fromkeys(segment.mt_input for segment in segments))
            translations = dict(zip(unique, self._translate_in_calls(translator, unique, progress)))
            for segment in segments:
                segment.translation = translations[segment.mt_input]
        results = []
        for document in copies:
            section = compliance_section(document, [self.translator(source, target) for source in by_source])
            if section is not None:
                document.metadata["glossary"] = section
            results.append((document, self.signature(document, target, signatures)))
        return results

    @staticmethod
    def _translate_in_calls(translator: Translator, texts: list[str], progress: Progress | None) -> list[str]:
        # Longest first, so each call's batches are of similar length.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        results: list[str] = [""] * len(texts)
        for start in range(0, len(order), _SEGMENTS_PER_CALL):
            chunk = order[start : start + _SEGMENTS_PER_CALL]
            for index, translation in zip(chunk, translator.translate([texts[i] for i in chunk])):
                results[index] = translation
            if progress:
                progress(len(chunk))
        return results

    def signature(self, document: Document, target: str, engines: dict[str, dict[str, object]]) -> dict[str, object]:
        return {
            "translate": __version__,
            "source": document.language,
            "target": target,
            "engines": engines,
            "chrome": self.chrome,
            "glossary": self.glossary.digest() if self.glossary and self.glossary.source == document.language else None,
        }


def count_segments(documents: Iterable[Document]) -> int:
    return sum(len(document.translatable_segments()) for document in documents)


def output_path(source_path: Path, target: str, out_dir: Path | None) -> Path:
    """``article.txt`` → ``OUT/article.hy.txt`` (next to the input when no OUT is given)."""
    directory = out_dir if out_dir is not None else source_path.parent
    suffix = source_path.suffix or ".txt"
    return directory / f"{source_path.stem}.{language_of(target)}{suffix}"


def write_output(document: Document, signature: dict[str, object], path: Path) -> Path:
    """Write the translation and, beside it, a report with its signature and counts."""
    write_atomic(path, render_text(document))
    kinds: dict[str, int] = {}
    for block in document.blocks:
        key = f"{block.kind.value}:{block.disposition.value}"
        kinds[key] = kinds.get(key, 0) + 1
    report = {
        "source": document.name,
        "output": str(path),
        "signature": signature,
        "blocks": kinds,
        "segments": len(document.translatable_segments()),
    }
    if "glossary" in document.metadata:  # each glossary term: the form used, and how
        report["glossary"] = document.metadata["glossary"]
    report_path = path.with_name(path.name + ".report.json")
    write_atomic(report_path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return path
