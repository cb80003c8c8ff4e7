"""The API: LibreTranslate's ``/translate``, ``/languages`` and ``/detect``, and ``/glossary/apply``.

Request and response shapes are LibreTranslate's, so its clients work unchanged: a JSON or
form body (or query parameters) with ``q`` (a string or a list of strings), ``source``
(a code, or ``auto``), ``target``, ``format`` (``text`` or ``html``) and ``api_key``;
``{"translatedText": …}`` back (a list for a list), with ``detectedLanguage`` for ``auto``,
and ``{"error": …}`` with status 400 (bad request), 403 (token), 413 (too large) or 500.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from translate.serve.translation import FORMATS

router = APIRouter()


class ApiError(Exception):
    """An answer of ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


async def _parameters(request: Request) -> dict[str, object]:
    """The request's parameters: query string, then the JSON or form body over it."""
    values: dict[str, object] = dict(request.query_params)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            data = json.loads(await request.body() or b"{}")
        except ValueError:
            raise ApiError(400, "Invalid JSON format") from None
        if not isinstance(data, dict):
            raise ApiError(400, "Invalid JSON format")
        values.update(data)
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        for key in form:
            items = [item for item in form.getlist(key) if isinstance(item, str)]
            if items:
                values[key] = items[0] if len(items) == 1 else items
    return values


def _check_token(request: Request, values: Mapping[str, object]) -> None:
    if request.scope.get("state", {}).get("authorized", True):
        return
    token = request.app.state.settings.token or ""
    key = values.get("api_key")
    if not (isinstance(key, str) and key and secrets.compare_digest(key.encode(), token.encode())):
        raise ApiError(403, "Invalid API key" if key else "Visit /?token=… or send api_key: this server needs a token")


def _required(values: Mapping[str, object], name: str) -> object:
    value = values.get(name)
    if value in (None, "", []):
        raise ApiError(400, f"Invalid request: missing {name} parameter")
    return value


def _texts(values: Mapping[str, object], name: str = "q") -> tuple[list[str], bool]:
    q = _required(values, name)
    if isinstance(q, str):
        return [q], False
    if isinstance(q, list) and all(isinstance(item, str) for item in q):
        return list(q), True
    raise ApiError(400, f"Invalid request: {name} must be a string or a list of strings")


def _check_size(request: Request, texts: list[str]) -> None:
    limit = request.app.state.settings.max_characters
    total = sum(len(text) for text in texts)
    if total > limit:
        raise ApiError(400, f"Invalid request: request ({total}) exceeds text limit ({limit})")


@router.get("/languages")
async def languages(request: Request):
    _check_token(request, dict(request.query_params))
    return await run_in_threadpool(request.app.state.service.languages)


@router.post("/translate")
async def translate(request: Request):
    values = await _parameters(request)
    _check_token(request, values)
    texts, many = _texts(values)
    source_code, target_code = _required(values, "source"), _required(values, "target")
    fmt = str(values.get("format") or "text")
    if fmt not in FORMATS:
        raise ApiError(400, f"{fmt} format is not supported")
    alternatives = values.get("alternatives")
    if alternatives is not None and not str(alternatives).isdigit():
        raise ApiError(400, "Invalid request: alternatives parameter is not a number")
    _check_size(request, texts)
    service = request.app.state.service
    target = service.language(target_code)
    if source_code == "auto":
        detected = [service.detect(text, fmt) for text in texts]
        sources = [item.language for item in detected]
    else:
        detected = None
        sources = [service.language(source_code)] * len(texts)
    for source in set(sources):
        service.check_pair(source, target)
    translated = await _translate_by_source(request.app.state.queue, sources, target, fmt, texts)
    body: dict[str, object] = {"translatedText": translated if many else translated[0]}
    if detected is not None:
        shapes = [{"confidence": item.confidence, "language": item.language} for item in detected]
        body["detectedLanguage"] = shapes if many else shapes[0]
    if alternatives is not None:
        body["alternatives"] = [[] for _ in texts] if many else []  # one translation per text: no alternatives
    return body


async def _translate_by_source(queue, sources: list[str], target: str, fmt: str, texts: list[str]) -> list[str]:
    """Texts of each source language in one queued request each; the results put back in order."""
    positions: dict[str, list[int]] = {}
    for position, source in enumerate(sources):
        positions.setdefault(source, []).append(position)
    languages = list(positions)
    results = await asyncio.gather(*(queue.translate(source, target, fmt, [texts[i] for i in positions[source]])
                                     for source in languages))
    ordered = [""] * len(texts)
    for source, translated in zip(languages, results):
        for position, text in zip(positions[source], translated):
            ordered[position] = text
    return ordered


@router.post("/detect")
async def detect(request: Request):
    values = await _parameters(request)
    _check_token(request, values)
    texts, many = _texts(values)
    _check_size(request, texts)
    service = request.app.state.service
    found = [[{"confidence": item.confidence, "language": item.language}] for item in map(service.detect, texts)]
    return found if many else found[0]


@router.post("/glossary/apply")
async def glossary_apply(request: Request):
    """``glossary apply`` over the API: ``q`` (source texts) and ``translation`` (their translations,
    made elsewhere), ``source`` and ``target``; back: each post-edited translation and its terms."""
    values = await _parameters(request)
    _check_token(request, values)
    texts, many = _texts(values)
    translations, _ = _texts(values, "translation")
    if len(texts) != len(translations):
        raise ApiError(400, f"Invalid request: {len(texts)} q but {len(translations)} translation")
    _check_size(request, texts + translations)
    service = request.app.state.service
    source, target = service.language(_required(values, "source")), service.language(_required(values, "target"))
    if not service.glossary.covers(source, target):
        raise ApiError(400, f"the glossary has no {source}→{target} terms")
    results = await run_in_threadpool(service.post_edit, source, target, list(zip(texts, translations)))
    if many:
        return {"translatedText": [item["translatedText"] for item in results],
                "terms": [item["terms"] for item in results]}
    return results[0]


def api_error_response(error: ApiError) -> JSONResponse:
    return JSONResponse({"error": error.message}, status_code=error.status)
