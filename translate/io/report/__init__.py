"""The QA report as a self-contained HTML page an editor opens in a browser.

:func:`render_article_report` turns one article's report (the dict written as
``OUTPUT.report.json``) into a page with the source and its translation side by side,
glossary terms highlighted by status, findings per segment and what was not translated;
:func:`render_run_report` turns a batch's manifest into a page listing every outcome with
a link to each article's page. Pages have inline CSS only: no script, no external asset,
and a Content-Security-Policy that forbids loading any, so they open from a folder, a mail
attachment or a zip the same way. Every piece of article text is escaped (Jinja2 autoescape).

Layout: ``templates/`` (base layout, article and run pages, macros) and ``static/report.css``
are package data, loaded through the installed package (:mod:`.environment`); the modules
here only read the report dicts into plain values for the templates.
"""

from translate.io.report.article import highlight_terms, render_article_report
from translate.io.report.environment import (
    OUTCOME_STATUSES,
    SEVERITIES,
    environment,
    stylesheet,
)
from translate.io.report.run import article_page_path, render_run_report
from translate.io.report.terms import TERM_STATUSES, highlight_spans

__all__ = [
    "OUTCOME_STATUSES",
    "SEVERITIES",
    "TERM_STATUSES",
    "article_page_path",
    "environment",
    "highlight_spans",
    "highlight_terms",
    "render_article_report",
    "render_run_report",
    "stylesheet",
]
