"""`translate segment`: how an article is cut up, and why."""

from __future__ import annotations

from pathlib import Path

import click

from translate.cli.options import config_option, encoding_option


@click.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--from", "source", help="The article's language (default: identified from its text).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]))
@click.option("--site", help="The article's site for the chrome catalogs, e.g. azatutyun.am "
                             "(default: the page's URL line or canonical link tells).")
@click.option("--keep-duplicates/--drop-duplicates", default=None,
              help="Write a block printed twice in a row twice (default: the configuration's).")
@encoding_option
@config_option
def segment(article, source, fmt, chrome, site, keep_duplicates, encoding, config_path) -> None:
    """Show how ARTICLE is cut up: blocks with their kinds, languages, reasons and sentences."""
    from translate.config import load_config
    from translate.io.catalogs import configured_ui_catalogs, warn_unknown_site
    from translate.io.readers import read_document
    from translate.locales import language_of
    from translate.segmentation import segment_document
    from translate.segmentation.display import render_json, render_text

    config = load_config(config_path)
    settings = config.raw.get("segmentation", {})
    options = {**config.raw.get("jsonl", {}), **({"encoding": encoding} if encoding else {})}
    document = read_document(article, language=language_of(source) if source else None, options=options)
    catalogs = configured_ui_catalogs(config)
    site = site or settings.get("site") or None
    warn_unknown_site(catalogs, site)
    segment_document(
        document,
        chrome=chrome or config.chrome,
        keep_duplicates=settings.get("keep_duplicates", False) if keep_duplicates is None else keep_duplicates,
        catalogs=catalogs,
        site=site,
        default_language=config.source,
    )
    click.echo(render_json(document) if fmt == "json" else render_text(document))
