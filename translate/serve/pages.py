"""The pages' templates: this package's, with the QA report's (its macros, stylesheet and
segment rows) behind them, in one Jinja2 environment with autoescape: every piece of user
text a page prints (terms, notes, article text, messages) is escaped."""

from __future__ import annotations

import functools

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from translate.io.report import environment as report_environment


@functools.cache
def environment() -> jinja2.Environment:
    """The report's environment (its globals, filters, autoescape), with this package's
    templates found first."""
    report = report_environment()
    loader = jinja2.ChoiceLoader([jinja2.PackageLoader(__package__, "templates"), report.loader])
    return report.overlay(loader=loader)


def is_htmx(request: Request) -> bool:
    """Whether htmx sent the request (it swaps a part of the page in, not a whole page)."""
    return request.headers.get("hx-request") == "true"


def page(template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)
