"""The glossary pages: the list (search and filters), an entry (renderings, forms per case,
notes; edited in place with lint on every change and the diff of what is unsaved), new
entries, removal. htmx swaps parts of a page in; without it the same URLs answer with
whole pages."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from translate.errors import EditConflict, GlossaryError
from translate.glossary.inflection import target_forms
from translate.serve.glossary_workspace import (
    ENTRY_CHOICES,
    FINDING_FILTERS,
    GlossaryWorkspace,
    values_from_data,
)
from translate.serve.pages import is_htmx, page

router = APIRouter()
_FILTERS = ("q", "language", "type", "missing", "findings")


def _workspace(request: Request) -> GlossaryWorkspace:
    return request.app.state.glossary


def _filters(request: Request) -> dict[str, str]:
    return {name: request.query_params.get(name, "").strip() for name in _FILTERS}


@router.get("/glossary")
async def glossary_page(request: Request):
    workspace, filters = _workspace(request), _filters(request)
    rows = await run_in_threadpool(workspace.search, filters["q"], filters["language"], filters["type"],
                                   filters["missing"], filters["findings"])
    snapshot = workspace.snapshot()
    context = {"rows": rows, "languages": snapshot.glossary.languages, "filters": filters, "total": len(snapshot.rows)}
    if is_htmx(request):
        return page("glossary_rows.html", **context)
    return page("glossary.html", title="Glossary", types=ENTRY_CHOICES["type"], finding_filters=FINDING_FILTERS,
                files=[path.name for path in workspace.paths], loose=snapshot.loose, **context)


def _forms(workspace: GlossaryWorkspace, entry_id: str) -> list[tuple[str, object]]:
    """(language, its accepted forms and case paradigm) of the entry as it is in effect."""
    snapshot = workspace.snapshot()
    row = snapshot.row(entry_id)
    if row is None:
        return []
    return [(language, target_forms(row.entry, language)) for language in snapshot.glossary.languages]


def _entry_page(request: Request, entry_id: str, *, values: Mapping[str, str] | None = None, status: int = 200,
                message: object = None):
    workspace = _workspace(request)
    path, data, version = workspace.entry(entry_id)
    row = workspace.snapshot().row(entry_id)
    return page("entry.html", status_code=status, title=f"Glossary: {entry_id}", entry_id=entry_id, new=False,
                file=path.name, files=[path.name], line=row.entry.origin.line if row and row.entry.origin else None,
                version=version, values=values if values is not None else values_from_data(data),
                languages=workspace.language_fields(data), choices=ENTRY_CHOICES, findings=row.findings if row else [],
                forms=_forms(workspace, entry_id), message=message, edit=None)


@router.get("/glossary/entry/{entry_id}")
async def entry_page(request: Request, entry_id: str):
    return await run_in_threadpool(_entry_page, request, entry_id)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


def _target(workspace: GlossaryWorkspace, entry_id: str, form: Mapping[str, str], new: bool):
    if new:
        return workspace.file_for(form.get("file", "")), form.get("id", "").strip()
    return workspace.path_of(entry_id), entry_id


@router.post("/glossary/entry/{entry_id}/check")
async def check_entry(request: Request, entry_id: str):
    """Lint and diff of the form as it is now (nothing is written)."""
    return await _check(request, entry_id, new=False)


@router.post("/glossary/new/check")
async def check_new(request: Request):
    return await _check(request, "", new=True)


async def _check(request: Request, entry_id: str, *, new: bool):
    form = await _form(request)
    workspace = _workspace(request)

    def work():
        path, wanted = _target(workspace, entry_id, form, new)
        conflict = form.get("version") is not None and form.get("version") != workspace.snapshot().versions.get(path)
        return workspace.preview(wanted, form, path, new=new), conflict

    try:
        edit, conflict = await run_in_threadpool(work)
    except GlossaryError as error:
        return page("entry_check.html", edit=None, problem=str(error), conflict=False, new=new)
    return page("entry_check.html", edit=edit, problem=None, conflict=conflict, new=new)


@router.post("/glossary/entry/{entry_id}/save")
async def save_entry(request: Request, entry_id: str):
    return await _save(request, entry_id, new=False)


@router.post("/glossary/new")
async def save_new(request: Request):
    return await _save(request, "", new=True)


async def _save(request: Request, entry_id: str, *, new: bool):
    form = await _form(request)
    workspace = _workspace(request)

    def work():
        path, wanted = _target(workspace, entry_id, form, new)
        return wanted, workspace.save(wanted, form, path, None if new else form.get("version", ""), new=new)

    try:
        wanted, version = await run_in_threadpool(work)
    except EditConflict as error:
        return _outcome(request, entry_id, form, 409, "conflict", str(error), new)
    except GlossaryError as error:
        return _outcome(request, entry_id, form, 422, "error", str(error), new)
    if new and not is_htmx(request):
        return RedirectResponse(f"/glossary/entry/{wanted}", status_code=303)
    if new:
        response = page("save_result.html", kind="saved", message=f"{wanted} added", version=None,
                        link=f"/glossary/entry/{wanted}")
        response.headers["HX-Redirect"] = f"/glossary/entry/{wanted}"
        return response
    if is_htmx(request):
        response = page("save_result.html", kind="saved", message="saved",
                        version=version, link=None)
        response.headers["HX-Trigger"] = "saved"  # the lint and diff panel refreshes: nothing unsaved now
        return response
    return await run_in_threadpool(_entry_page, request, entry_id, message=("saved", "saved"))


def _outcome(request: Request, entry_id: str, form: Mapping[str, str], status: int, kind: str, message: str,
             new: bool):
    """A refused save: the message, the edit left in the form (never lost)."""
    if is_htmx(request):
        return page("save_result.html", status_code=status, kind=kind, message=message, version=None, link=None)
    if new:
        return _new_page(request, form, status=status, message=(kind, message))
    return _entry_page(request, entry_id, values=form, status=status, message=(kind, message))


@router.post("/glossary/entry/{entry_id}/remove")
async def remove_entry(request: Request, entry_id: str):
    form = await _form(request)
    workspace = _workspace(request)
    try:
        await run_in_threadpool(lambda: workspace.remove(entry_id, workspace.path_of(entry_id), form.get("version", "")))
    except EditConflict as error:
        return page("save_result.html", status_code=409, kind="conflict", message=str(error), version=None, link=None)
    if is_htmx(request):
        response = page("save_result.html", kind="saved", message=f"{entry_id} removed", version=None,
                        link="/glossary")
        response.headers["HX-Redirect"] = "/glossary"
        return response
    return RedirectResponse("/glossary", status_code=303)


def _new_page(request: Request, values: Mapping[str, str], *, status: int = 200, message: object = None):
    workspace = _workspace(request)
    return page("entry.html", status_code=status, title="Glossary: new entry", entry_id=values.get("id", ""),
                new=True, file=None, files=[path.name for path in workspace.paths], line=None, version=None,
                values=values, languages=workspace.language_fields(), choices=ENTRY_CHOICES, findings=[], forms=[],
                message=message, edit=None)


@router.get("/glossary/new")
async def new_entry(request: Request):
    """An empty entry form, or one filled in from the query (a suggestion accepted)."""
    values = {key: value for key, value in request.query_params.items()
              if key in ("id", "term", "type", "notes", "variants", "short")}
    return _new_page(request, values)


def suggestion_link(entry_id: str, term: str, kind: str, note: str) -> str:
    return "/glossary/new?" + urlencode({"id": entry_id, "term": term, "type": kind, "notes": note})
