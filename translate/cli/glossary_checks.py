"""`translate glossary lint | check | suggest`: the glossary checked, translations checked against it, terms it lacks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from translate.cli.glossary import glossary_option, glossary_paths_of, shown
from translate.cli.options import config_option


@click.command("lint")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@config_option
def lint(files, strict, config_path) -> None:
    """Lint glossary FILES (default: the configured ones, combined in order).

    Reports duplicates, conflicting renderings, variants that shadow other terms,
    missing target languages and malformed forms, each as FILE:LINE. Exits with 6
    (findings) on errors, and on warnings with --strict.
    """
    from translate.errors import FindingsAboveThreshold
    from translate.findings import Severity
    from translate.glossary.lint import lint_files

    paths = list(files) or glossary_paths_of(config_path, ())
    findings = lint_files(paths)
    for finding in findings:
        where = finding.location
        place = f"{shown(where.path)}:{where.line}: " if where.path else ""
        click.echo(f"{place}{finding.severity.value}: [{finding.code}] {finding.message}")
    errors = sum(finding.severity is Severity.ERROR for finding in findings)
    warnings = len(findings) - errors
    summary = f"{errors} error(s), {warnings} warning(s) in {len(paths)} file(s)"
    if errors or (strict and warnings):
        raise FindingsAboveThreshold(summary)
    click.echo(f"ok: {summary}")


@click.command("check")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("translation", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "target", required=True, help="The translation's language, e.g. ru.")
@click.option("--from", "source_language", help="The source's language (default: the configuration's).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@config_option
@glossary_option
def check(source, translation, target, source_language, fmt, config_path, glossary_paths) -> None:
    """Check that every glossary term of SOURCE is in an accepted form in TRANSLATION.

    Each term is found (an accepted form), near (a rendering that is no accepted form: a
    variant spelling, a transliteration, the source copied; `glossary apply` fixes it where
    its case is clear), wrong (a known wrong rendering) or missing. Exits with 6 (findings)
    unless every term is found.
    """
    from translate.config import load_config
    from translate.errors import FindingsAboveThreshold
    from translate.glossary.compliance import check_translation
    from translate.glossary.store import configured_glossary
    from translate.io.readers import read_document
    from translate.locales import language_of
    from translate.segmentation import segment_document

    config = load_config(config_path)
    combined = configured_glossary(config, list(glossary_paths))
    language = language_of(target)
    source_language = language_of(source_language) if source_language else config.source
    document = segment_document(read_document(source, language=source_language), chrome=config.chrome)
    translated = read_document(translation, language=language)
    report = check_translation(combined, document, translated, language)
    if fmt == "json":
        click.echo(json.dumps({"source": str(source), "translation": str(translation), "glossary": combined.digest(),
                               **report.as_dict()}, ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            click.echo(line)
    if report.problems:
        raise FindingsAboveThreshold(f"{len(report.problems)} of {len(report.terms)} term occurrences are not in an "
                            f"accepted {language} form")


@click.command("suggest")
@click.argument("articles", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "source_language", help="The articles' language (default: the configuration's).")
@click.option("--min-count", default=1, show_default=True, help="Only candidates seen at least this often.")
@click.option("--limit", default=50, show_default=True, help="At most this many candidates.")
@click.option("--format", "fmt", type=click.Choice(["text", "toml"]), default="text", show_default=True,
              help="toml: entry skeletons to paste into a glossary.")
@config_option
@glossary_option
def suggest(articles, source_language, min_count, limit, fmt, config_path, glossary_paths) -> None:
    """Suggest terms from ARTICLES: acronyms and capitalised names the glossary lacks, with counts."""
    from translate.config import load_config
    from translate.document import Disposition
    from translate.glossary.editing import entry_skeleton
    from translate.glossary.store import configured_glossary
    from translate.glossary.suggest import suggest as find_candidates
    from translate.io.interchange.cells import slug
    from translate.io.readers import read_document
    from translate.locales import language_of
    from translate.segmentation import segment_document

    config = load_config(config_path)
    combined = configured_glossary(config, list(glossary_paths))
    language = language_of(source_language) if source_language else config.source
    texts = []
    for path in articles:
        document = segment_document(read_document(path, language=language), chrome=config.chrome)
        texts.append((str(path), [block.text for block in document.blocks if block.disposition is Disposition.TRANSLATE]))
    candidates = find_candidates(combined, texts, min_count=min_count)[:limit]
    for candidate in candidates:
        if fmt == "toml":
            click.echo(entry_skeleton(slug(candidate.text), candidate.text, candidate.guessed_type,
                                      f"seen {candidate.count}× in {len(candidate.articles)} article(s)",
                                      candidate.examples))
        else:
            click.echo(f"{candidate.count:>4}  {candidate.kind:<8} {candidate.text}  ({len(candidate.articles)} article(s))")
            for example in candidate.examples:
                click.echo(f"        {example}")
    if not candidates:
        click.echo("no candidates: every acronym and name found is in the glossary", err=True)
