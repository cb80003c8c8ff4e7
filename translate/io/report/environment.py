"""The report's templates and stylesheet, loaded from the installed package (not the source tree).

Templates are Jinja2 with autoescape on: every value a template prints is escaped, except
what the templates' own macros print and the stylesheet (our own package data, marked
``|safe`` in ``base.html``). ``None`` prints as nothing. Anything else that serves these pages
(a local web page for editors) gets the same pages from :func:`environment` and
:func:`stylesheet`.
"""

from __future__ import annotations

import functools
from importlib import resources

import jinja2

from translate.io.report.terms import TERM_STATUSES, term_class

SEVERITIES = ("error", "warning", "info")
OUTCOME_STATUSES = ("failed", "flagged", "translated", "same-language", "skipped")
STYLESHEET = "static/report.css"


@functools.cache
def stylesheet() -> str:
    """The pages' CSS (package data), checked to be safe inside a ``<style>`` element."""
    css = resources.files(__package__).joinpath(STYLESHEET).read_text(encoding="utf-8")
    if "</" in css:  # would end the <style> element early
        raise ValueError(f"{STYLESHEET} must not contain '</'")
    return css


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report's templates (built once, on first use)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the render rather than printing nothing
        finalize=lambda value: "" if value is None else value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        severities=SEVERITIES,
        outcome_statuses=OUTCOME_STATUSES,
        term_statuses=TERM_STATUSES,
        term_class=term_class,
    )
    return env


def render(template: str, **context: object) -> str:
    """A page: ``template`` rendered with ``context`` and the stylesheet."""
    return environment().get_template(template).render(stylesheet=stylesheet(), **context)
