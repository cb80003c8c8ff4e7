"""Suggestions: `glossary suggest` over the articles the server was given (``--articles``):
acronyms and names the glossary lacks, with counts and contexts. Accepting one (first click)
opens the new-entry form filled in (id, term, type, where it was seen); adding it is the
second click (once the renderings the glossary needs are in)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from translate.document import Disposition
from translate.errors import InputError
from translate.glossary.suggest import suggest
from translate.io.interchange.cells import slug
from translate.io.readers import read_document
from translate.pipeline.batch import DEFAULT_INCLUDE, discover
from translate.segmentation import segment_document
from translate.serve.glossary_routes import suggestion_link
from translate.serve.pages import page

router = APIRouter()
MAX_CANDIDATES = 200


def candidates(request: Request, min_count: int) -> tuple[list[dict[str, object]], list[str]]:
    """The candidates of the server's articles (each with the link that accepts it), and the
    articles that could not be read."""
    service = request.app.state.service
    glossary = request.app.state.glossary.snapshot().glossary  # as saved now, not as the server started
    sources, missing = discover(request.app.state.articles, DEFAULT_INCLUDE)
    texts, problems = [], [outcome.input for outcome in missing]
    for source in sources:
        try:
            document = read_document(source.path, language=service.config.source)
        except InputError as error:
            problems.append(str(error))
            continue
        document = segment_document(document, chrome=service.config.chrome)
        texts.append((str(source.path), [block.text for block in document.blocks
                                         if block.disposition is Disposition.TRANSLATE]))
    found = []
    for candidate in suggest(glossary, texts, min_count=min_count)[:MAX_CANDIDATES]:
        note = f"seen {candidate.count}× in {len(candidate.articles)} article(s)"
        found.append({"text": candidate.text, "kind": candidate.kind, "count": candidate.count,
                      "articles": sorted(Path(name).name for name in candidate.articles),
                      "examples": candidate.examples,
                      "accept": suggestion_link(slug(candidate.text), candidate.text, candidate.guessed_type, note)})
    return found, problems


@router.get("/suggestions")
async def suggestions_page(request: Request):
    text = request.query_params.get("min_count", "1")
    min_count = int(text) if text.isdigit() and int(text) > 0 else 1
    found, problems = await run_in_threadpool(candidates, request, min_count)
    return page("suggestions.html", title="Suggestions", candidates=found, problems=problems, min_count=min_count,
                folders=request.app.state.articles)
