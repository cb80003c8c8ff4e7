"""`translate ui …`: the UI-string catalog workflow, as pybabel's extract/init/update/compile.

Only click is imported here; each command imports what it uses.
"""

from __future__ import annotations

from pathlib import Path

import click

from translate.cli.options import config_option

_directory_option = click.option(
    "-d", "--directory", type=click.Path(file_okay=False, path_type=Path),
    help="The catalogs folder (default: [localisation] catalogs of the configuration, locale/).",
)
_locale_option = click.option(
    "-l", "--locale", "locales", multiple=True,
    help="Only this locale (repeatable; default: every catalog in the folder).",
)
_template_option = click.option(
    "-i", "--input", "template", type=click.Path(dir_okay=False, path_type=Path),
    help="The template (default: DIRECTORY/chrome.pot).",
)


def _catalogs_directory(directory: Path | None, config_path: Path | None) -> Path:
    if directory is not None:
        return directory
    from translate.config import load_config

    return load_config(config_path).localisation.catalogs


def _selected(directory: Path, locales: tuple[str, ...]) -> dict[str, Path]:
    """Locale → PO file: the given locales (which must exist) or every catalog in ``directory``."""
    from translate.errors import InputError
    from translate.io.catalogs import catalog_path, catalog_paths
    from translate.locales import locale_identifier

    existing = catalog_paths(directory)
    if not locales:
        if not existing:
            raise InputError(f"no catalogs in {directory}: start one with `translate ui init -l LOCALE`")
        return existing
    selected = {}
    for code in locales:
        locale = locale_identifier(code)
        if locale not in existing:
            raise InputError(f"{catalog_path(directory, locale)}: no such catalog; start it with "
                             f"`translate ui init -l {locale}`")
        selected[locale] = existing[locale]
    return selected


def _template(directory: Path, template: Path | None) -> Path:
    from translate.errors import InputError
    from translate.io.catalogs import template_path

    path = template or template_path(directory)
    if not path.is_file():
        raise InputError(f"{path}: no template; make it with `translate ui extract ARTICLES…`")
    return path


@click.group("ui")
def ui() -> None:
    """UI-string catalogs: the page chrome of each site, per locale (gettext PO/MO).

    \b
    Entries are keyed by site (msgctxt); `--chrome localise` renders chrome from them.
      translate ui extract articles/ --site azatutyun.am   # chrome strings → locale/chrome.pot
      translate ui init -l hy                             # start locale/hy/LC_MESSAGES/chrome.po
      translate ui update                                 # merge a new template into every catalog
      translate ui compile                                # PO → MO
      translate ui check                                  # untranslated, fuzzy, obsolete, placeholders
    """


@ui.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The template to write (default: DIRECTORY/chrome.pot).")
@click.option("--site", help="The site plain-text articles come from (HTML pages name theirs in og:url).")
@click.option("--from", "source", help="The articles' language (default: the configuration's, en).")
@click.option("--no-location", is_flag=True, help="Leave out file:line references.")
@_directory_option
@config_option
def extract(inputs, output, site, source, no_location, directory, config_path) -> None:
    """Collect the chrome strings of INPUTS (articles, HTML pages, folders) into a template.

    Plain text: the lines classified as chrome, and lines the catalogs already know.
    HTML: the skip-link block (`section > div.sr-only`), whose localized wordings are
    recorded in the template and filled in by `init` / `update` for their language.
    """
    from translate.config import load_config
    from translate.io.catalogs import UiCatalogs, template_path, write_catalog
    from translate.locales import language_of
    from translate.localisation.extract import strings_from_files
    from translate.localisation.workflow import build_template

    config = load_config(config_path)
    directory = _catalogs_directory(directory, config_path)
    catalogs = UiCatalogs.load(directory)
    language = language_of(source) if source else config.source
    seen = list(strings_from_files(inputs, catalogs=catalogs, site=site, language=language))
    template = build_template(seen, locations=not no_location)
    path = write_catalog(output or template_path(directory), template)
    harvested = sum(1 for string in seen if string.harvested)
    click.echo(f"{path}: {len([m for m in template if m.id])} strings "
               f"({len(seen)} occurrences, {harvested} localized wordings harvested)")


@ui.command()
@click.option("-l", "--locale", required=True, help="The locale to start, e.g. hy, ru, hy_AM.")
@click.option("--force", is_flag=True, help="Overwrite an existing catalog.")
@_template_option
@_directory_option
@config_option
def init(locale, force, template, directory, config_path) -> None:
    """Start LOCALE's catalog from the template (harvested wordings filled in, the rest empty)."""
    from translate.io.catalogs import catalog_path
    from translate.locales import parse_locale
    from translate.localisation.workflow import init_catalog

    directory = _catalogs_directory(directory, config_path)
    locale = str(parse_locale(locale))
    path, filled = init_catalog(_template(directory, template), locale, catalog_path(directory, locale), force=force)
    click.echo(f"{path}: created ({filled} harvested wordings filled in)")


@ui.command()
@click.option("--fuzzy-matching", is_flag=True,
              help="Pre-fill new entries from similar old ones, marked fuzzy (guesses, never used until confirmed).")
@_locale_option
@_template_option
@_directory_option
@config_option
def update(fuzzy_matching, locales, template, directory, config_path) -> None:
    """Merge the template into the catalogs: new entries added, vanished ones kept as obsolete."""
    from translate.io.catalogs import read_catalog
    from translate.localisation.workflow import update_catalog

    directory = _catalogs_directory(directory, config_path)
    pot = read_catalog(_template(directory, template))
    for locale, path in _selected(directory, locales).items():
        catalog, filled = update_catalog(pot, path, locale, fuzzy_matching=fuzzy_matching)
        click.echo(f"{path}: {len([m for m in catalog if m.id])} entries, {len(catalog.obsolete)} obsolete, "
                   f"{filled} harvested wordings filled in")


@ui.command("compile")
@click.option("--use-fuzzy", is_flag=True, help="Compile fuzzy entries too (they are guesses).")
@_locale_option
@_directory_option
@config_option
def compile_(use_fuzzy, locales, directory, config_path) -> None:
    """Compile the catalogs to MO files beside them."""
    from translate.io.catalogs import compile_catalog

    directory = _catalogs_directory(directory, config_path)
    for _, path in _selected(directory, locales).items():
        mo_path, translated, total = compile_catalog(path, use_fuzzy=use_fuzzy)
        click.echo(f"{mo_path}: {translated} of {total} entries translated")


@ui.command()
@click.option("--strict", is_flag=True, help="Fail on warnings (fuzzy, obsolete, missing) too, not only errors.")
@click.option("-q", "--quiet", is_flag=True, help="Leave out untranslated entries (information).")
@_locale_option
@_template_option
@_directory_option
@config_option
def check(strict, quiet, locales, template, directory, config_path) -> None:
    """Check the catalogs: untranslated, fuzzy, obsolete, missing entries, placeholders, formats.

    Exits with 6 (findings) if there is an error (or, with --strict, a warning).
    """
    from translate.errors import FindingsAboveThreshold
    from translate.findings import Severity
    from translate.io.catalogs import read_catalog, template_path
    from translate.localisation.catalog_checks import check_catalog

    directory = _catalogs_directory(directory, config_path)
    pot_path = template or template_path(directory)
    pot = read_catalog(pot_path) if template or pot_path.is_file() else None
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    counts = {severity: 0 for severity in Severity}
    for locale, path in _selected(directory, locales).items():
        for problem in check_catalog(path, locale, pot):
            counts[problem.severity] += 1
            if not (quiet and problem.severity is Severity.INFO):
                click.echo(str(problem))
    summary = ", ".join(f"{count} {severity.value}" for severity, count in counts.items())
    click.echo(summary)
    if any(counts[severity] for severity in failing):
        raise FindingsAboveThreshold(f"the catalogs have problems ({summary}); fix those listed above")
