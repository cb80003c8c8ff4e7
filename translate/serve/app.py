"""The application: settings in, a FastAPI app out (pages, API, static files, checks, errors)."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from translate.errors import (
    EditConflict,
    EngineError,
    GlossaryError,
    InputError,
    ModelNotAvailable,
    TranslateError,
    UsageError,
)
from translate.io.report import stylesheet
from translate.serve import api, glossary_routes, review_routes, suggestions
from translate.serve.batching import BatchingQueue
from translate.serve.glossary_workspace import GlossaryWorkspace
from translate.serve.review import ReviewWorkspace
from translate.serve.security import Guard
from translate.serve.settings import ServeSettings
from translate.serve.translation import TranslationService, UnsupportedLanguage

log = logging.getLogger(__name__)

# Errors of our hierarchy as HTTP statuses (the API's clients read the status, people the message).
STATUSES: list[tuple[type[TranslateError], int]] = [
    (UnsupportedLanguage, 400), (UsageError, 400), (InputError, 400), (EditConflict, 409),
    (GlossaryError, 422), (ModelNotAvailable, 503), (EngineError, 500),
]


def status_of(error: TranslateError) -> int:
    return next((status for kind, status in STATUSES if isinstance(error, kind)), 500)


def create_app(settings: ServeSettings, *, service: TranslationService | None = None) -> FastAPI:
    """The application for ``settings``; ``service`` (the pipeline behind the API) is built
    from the settings unless given. Bad configuration or glossary files fail here, before
    the server listens."""
    service = service or TranslationService(settings)
    queue = BatchingQueue(service.translate_requests, wait=settings.batch_wait, max_texts=settings.batch_texts)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await queue.start()
        try:
            yield
        finally:
            await queue.stop()
            service.close()

    # No /docs: Swagger UI loads its script from a CDN, and the pages work offline.
    app = FastAPI(title="translate serve", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.service = service
    app.state.queue = queue
    app.state.glossary = GlossaryWorkspace([glossary_file.path for glossary_file in service.glossary.files])
    app.state.review = ReviewWorkspace(list(settings.out_dirs))
    app.state.articles = list(settings.articles)

    app.include_router(api.router)
    app.include_router(glossary_routes.router)
    app.include_router(suggestions.router)
    app.include_router(review_routes.router)
    app.mount("/static", StaticFiles(packages=[(__package__, "static")]), name="static")

    @app.get("/", include_in_schema=False)
    async def home():
        return RedirectResponse("/glossary", status_code=303)

    @app.get("/health", include_in_schema=False)
    async def health():
        """The server is up; how many API requests shared how many pipeline calls."""
        stats = queue.stats
        return {"status": "ok", "queue": {"requests": stats.requests, "calls": stats.calls, "largest": stats.largest}}

    @app.get("/report.css", include_in_schema=False)
    async def report_css():
        return Response(stylesheet(), media_type="text/css")

    @app.exception_handler(api.ApiError)
    async def api_error(request: Request, error: api.ApiError):
        return api.api_error_response(error)

    @app.exception_handler(TranslateError)
    async def translate_error(request: Request, error: TranslateError):
        return JSONResponse({"error": str(error)}, status_code=status_of(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=error.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError):
        problems = "; ".join(f"{'.'.join(map(str, item['loc']))}: {item['msg']}" for item in error.errors())
        return JSONResponse({"error": f"Invalid request: {problems}"}, status_code=400)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": f"internal error: {type(error).__name__}: {error} (please report it)"},
                            status_code=500)

    app.add_middleware(Guard, settings=settings)
    return app
