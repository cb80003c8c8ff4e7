"""The QA review page: flagged segments of the batch output folders, source and translation
side by side; a glossary finding links to its entry; a finding can be marked reviewed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from translate.serve.pages import is_htmx, page
from translate.serve.review import CATEGORIES, ReviewWorkspace

router = APIRouter()


def _workspace(request: Request) -> ReviewWorkspace:
    return request.app.state.review


@router.get("/review")
async def review_page(request: Request):
    workspace = _workspace(request)
    category = request.query_params.get("category", "")
    hide = request.query_params.get("hide_reviewed") == "1"
    outputs = await run_in_threadpool(workspace.flagged, category, not hide)
    return page("review.html", title="QA review", outputs=outputs, folders=workspace.folders,
                categories=list(CATEGORIES) + ["other"], category=category, hide_reviewed=hide)


@router.post("/review/{folder}/{key}")
async def mark(request: Request, folder: int, key: str):
    form = await request.form()
    reviewed = form.get("reviewed") == "1"
    await run_in_threadpool(_workspace(request).mark, folder, key, reviewed)
    if is_htmx(request):
        return page("review_mark.html", folder=folder, key=key, reviewed=reviewed)
    return RedirectResponse(request.headers.get("referer") or "/review", status_code=303)
