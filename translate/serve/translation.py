"""The pipeline behind the API: one per server, so each direction's model is loaded once.

Texts come in as LibreTranslate sends them (plain text, or an HTML fragment) and go through
the same stages as an article: segmentation (page chrome never reaches the model: it comes
back as it was, or localised with ``--chrome localise``), the engine, the glossary and the
quantities. All texts of one call go to the engine together (:mod:`translate.serve.batching`
gathers the requests that arrive together into one call).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from translate.config import load_config
from translate.document import Document
from translate.errors import (
    InputError,
    TranslateError,
    UnknownLocaleError,
    UnsupportedLanguagePair,
)
from translate.glossary.postedit import post_edit
from translate.glossary.revisions import file_version
from translate.glossary.store import configured_glossary
from translate.io.formats import format_for
from translate.locales import language_of
from translate.memory import MemorySettings, TranslationMemory
from translate.pipeline.runner import Pipeline
from translate.segmentation.langid import article_language
from translate.segmentation.scripts import dominant_script, letters_by_script
from translate.serve.settings import ServeSettings

log = logging.getLogger(__name__)

FORMATS = {"text": ".txt", "html": ".html"}
# Elements the HTML reader takes text from: a fragment with none of them is wrapped in one.
_TEXT_ELEMENTS = ("h1", "h2", "h3", "p", "li", "figcaption", "blockquote", "td")
_WRAPPER = "blockquote"  # may hold any flow content (a <div>, a <span>): its text is read as one block


class UnsupportedLanguage(UnsupportedLanguagePair):
    """A language the server has no route for (the API answers 400, as LibreTranslate does)."""


@dataclass(frozen=True)
class Detected:
    language: str
    confidence: float  # 0–100, as LibreTranslate reports it
    method: str


class TranslationService:
    """The server's pipeline, its languages, and translation of API texts with it."""

    def __init__(self, settings: ServeSettings):
        self.config = load_config(settings.config_path)
        memory = TranslationMemory.from_settings(MemorySettings.from_config(self.config)) if settings.memory else None
        self.glossary = configured_glossary(self.config, list(settings.glossary_paths))
        self.glossary_paths = [glossary_file.path for glossary_file in self.glossary.files]
        self._glossary_versions = self._versions()
        # A text that is one UI string ("Share") is page chrome: kept as it was unless the
        # server was told otherwise, never dropped (an API caller would get nothing back).
        self.pipeline = Pipeline(self.config, engine=settings.engine, model=settings.model, fallback=settings.fallback,
                                 chrome=settings.chrome or "keep", glossary=self.glossary, memory=memory)
        pairs = set(self.config.models)
        self.codes = sorted({code for pair in pairs for code in pair} | set(self.glossary.all_languages))

    # --- languages ---------------------------------------------------------------------

    def targets(self, source: str) -> list[str]:
        """The languages ``source`` can be translated into (directly, or through the pivot)."""
        found = []
        for target in self.codes:
            if target == source:
                continue
            try:
                self.pipeline.check_route(source, target)
            except UnsupportedLanguagePair:
                continue
            found.append(target)
        return found

    def languages(self) -> list[dict[str, object]]:
        """LibreTranslate's ``/languages``: code, English name and targets of each language."""
        names = Locale("en").languages
        return [{"code": code, "name": names.get(code, code), "targets": self.targets(code)} for code in self.codes]

    def language(self, code: object) -> str:
        """``code`` as the pipeline names it; :class:`UnsupportedLanguage` when the server has no route."""
        try:
            language = language_of(str(code))
        except UnknownLocaleError:
            raise UnsupportedLanguage(f"{code} is not supported") from None
        if language not in self.codes:
            raise UnsupportedLanguage(f"{code} is not supported")
        return language

    def check_pair(self, source: str, target: str) -> None:
        if source != target and target not in self.targets(source):
            raise UnsupportedLanguage(f"{source}→{target} is not supported (no checkpoint route); "
                                      f"GET /languages lists the targets of each language")

    def detect(self, text: str, fmt: str = "text") -> Detected:
        """The language of ``text`` (``source=auto``): py3langid, as for an article's language
        (:func:`~translate.segmentation.langid.article_language`), the configuration's source
        where the text is too short to tell and written in its script. The confidence (0–100)
        is the identifier's probability, or where the script decided, the share of the text's
        letters in that script."""
        plain = _text_of_html(text) if fmt == "html" else text
        found = article_language([plain], self.config.source)
        if found.method == "detected" and found.confidence is not None:
            return Detected(found.language, round(100.0 * found.confidence, 1), found.method)
        counts = letters_by_script(plain)
        script = dominant_script(plain)
        share = 100.0 * counts[script] / sum(counts.values()) if script else 0.0
        return Detected(found.language, round(share, 1), found.method)

    # --- the glossary, as editors save it ---------------------------------------------------

    def _versions(self) -> tuple[str, ...]:
        return tuple(file_version(path) for path in self.glossary_paths)

    def refresh_glossary(self) -> None:
        """Enforce the glossary files as they are now, if they changed (an editor saved an entry):
        re-read, wrapped around the engines already loaded. A file with lint errors (edited by
        hand) is not taken: the glossary in use stays, and the log says why."""
        versions = self._versions()
        if versions == self._glossary_versions:
            return
        self._glossary_versions = versions
        try:
            glossary = configured_glossary(self.config, self.glossary_paths)
        except TranslateError as error:
            log.warning("the edited glossary is not used until it is fixed: %s", error)
            return
        self.glossary = glossary
        self.pipeline.use_glossary(glossary)

    # --- translating --------------------------------------------------------------------

    def translate_requests(self, source: str, target: str, fmt: str,
                           requests: Sequence[Sequence[str]]) -> list[list[str] | TranslateError]:
        """Each request's texts translated; all of them go to the engine in one call. A request
        whose text cannot be read gets its error, the others their translations."""
        self.refresh_glossary()  # on the pipeline's thread: no translation is running
        suffix = FORMATS[fmt]
        prepared: list[list[tuple[Document, bool] | str] | TranslateError] = []
        for texts in requests:
            try:
                prepared.append([self._prepare(text, source, suffix) for text in texts])
            except TranslateError as error:
                prepared.append(error)
        documents = [item[0] for request in prepared if not isinstance(request, TranslateError)
                     for item in request if not isinstance(item, str)]
        translated = iter(self.pipeline.translate_documents(documents, target)) if documents else iter(())
        results: list[list[str] | TranslateError] = []
        for request in prepared:
            if isinstance(request, TranslateError):
                results.append(request)
                continue
            outputs = []
            for item in request:
                if isinstance(item, str):  # nothing to translate in it
                    outputs.append(item)
                    continue
                document, _ = next(translated)
                outputs.append(_render(document, suffix, wrapped=item[1]))
            results.append(outputs)
        return results

    def _prepare(self, text: str, source: str, suffix: str) -> tuple[Document, bool] | str:
        if not any(character.isalnum() for character in text):
            return text
        wrapped = suffix == ".html" and not _has_text_element(text)
        data = f"<{_WRAPPER}>{text}</{_WRAPPER}>" if wrapped else text
        documents, errors = self.pipeline.prepare_bytes(data.encode("utf-8"), Path(f"request{suffix}"), source)
        if not documents:
            raise InputError(errors[0][1] if errors else "no text to translate")
        if not documents[0].blocks:
            return text
        return documents[0], wrapped

    def post_edit(self, source: str, target: str, pairs: Sequence[tuple[str, str]]) -> list[dict[str, object]]:
        """``glossary apply`` over (source text, translation) pairs, with the server's glossary."""
        self.refresh_glossary()
        glossary = self.glossary
        results = []
        for source_text, translation in pairs:
            edited = post_edit(glossary, source_text, translation, source, target)
            results.append({"translatedText": edited.text, "terms": [term.as_dict() for term in edited.terms]})
        return results

    def close(self) -> None:
        if self.pipeline.memory is not None:
            self.pipeline.memory.close()


def _has_text_element(fragment: str) -> bool:
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return False
    return any(True for _ in root.iter(*_TEXT_ELEMENTS))


def _text_of_html(fragment: str) -> str:
    import lxml.html

    try:
        return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()
    except (ValueError, lxml.etree.ParserError):
        return fragment


def _render(document: Document, suffix: str, *, wrapped: bool) -> str:
    """The translated text as it came in: plain text, or the HTML fragment (not a whole page)."""
    rendered = format_for(suffix, None).render([document])
    if suffix != ".html":
        return rendered
    import lxml.html

    body = lxml.html.document_fromstring(rendered).body
    if wrapped and len(body) == 1 and body[0].tag == _WRAPPER:
        body = body[0]
    # .text is the element's text unescaped; the children serialise themselves (escaped).
    return html.escape(body.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in body)
