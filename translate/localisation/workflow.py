"""The catalog workflow behind ``translate ui``, as pybabel does it: extract, init, update.

``build_template`` turns seen chrome strings into the template (``chrome.pot``);
``init_catalog`` starts a locale's PO file from it; ``update_catalog`` merges a new
template into an existing PO file (new entries added, vanished ones kept as obsolete
``#~`` entries, fuzzy matching off by default: a guessed wording is not a known one).
Both fill an empty msgstr from a wording harvested off the site itself (see
:mod:`translate.localisation.extract`) and from nothing else. Compiling and checking are
:func:`~translate.io.catalogs.compile_catalog` and
:mod:`translate.localisation.catalog_checks`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog

from translate import __version__
from translate.errors import InputError
from translate.io.catalogs import PROJECT, read_catalog, write_catalog
from translate.locales import has_locale_data, language_of, locale_identifier, parse_locale
from translate.localisation.extract import SeenString, harvested_wordings

HEADER = """\
# Page-chrome UI strings of news sites (`--chrome localise`).
# msgctxt: the site; msgid: the English UI string; msgstr: the
# locale's wording where it is known to be right, else empty.
#"""


def build_template(seen: Iterable[SeenString], *, locations: bool = True) -> Catalog:
    """The template for the strings in ``seen``: one entry per (site, msgid)."""
    template = Catalog(header_comment=HEADER, project=PROJECT, version=__version__, charset="utf-8", fuzzy=False)
    for string in sorted(seen, key=lambda s: (s.site, s.msgid)):
        template.add(
            string.msgid,
            context=string.site,
            locations=[string.location] if locations else [],
            auto_comments=[string.harvested] if string.harvested else [],
        )
    return template


def fill_harvested(catalog: Catalog) -> int:
    """Fill empty or fuzzy msgstrs from the one wording harvested in the catalog's language.

    Where the site was seen with two different wordings, nothing is filled: `check` reports it.
    """
    if catalog.locale is None:
        return 0
    language = language_of(str(catalog.locale))
    filled = 0
    for message in catalog:
        if not message.id or (message.string and not message.fuzzy):
            continue
        wordings = harvested_wordings(message.auto_comments, language)
        if len(wordings) == 1:
            message.string = wordings[0]
            message.flags.discard("fuzzy")
            filled += 1
    return filled


def init_catalog(template: Path, locale: str, path: Path, *, force: bool = False) -> tuple[Path, int]:
    """Start ``locale``'s catalog at ``path`` from ``template``; returns it with the count filled."""
    if path.exists() and not force:
        raise InputError(f"{path} already exists; run `translate ui update` to merge the template, or pass --force")
    catalog = read_catalog(template, locale=locale_identifier(locale))
    if has_locale_data(locale):
        catalog.locale = parse_locale(locale)
    catalog.fuzzy = False
    filled = fill_harvested(catalog)
    return write_catalog(path, catalog), filled


def update_catalog(template: Catalog, path: Path, locale: str, *, fuzzy_matching: bool = False
                   ) -> tuple[Catalog, int]:
    """Merge ``template`` into ``locale``'s catalog at ``path``; returns it with the count filled."""
    catalog = read_catalog(path, locale=locale_identifier(locale))
    catalog.update(template, no_fuzzy_matching=not fuzzy_matching)
    filled = fill_harvested(catalog)
    write_catalog(path, catalog)
    return catalog, filled
