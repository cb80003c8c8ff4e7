"""The command line: `translate run`, `translate segment`, `translate models …`.

Errors of the :class:`TranslateError` hierarchy become one line on stderr and the
class's exit code, here and nowhere else. Heavy modules are imported inside commands.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from translate import __version__
from translate.errors import TranslateError
from translate.localisation.cli import ui  # click only at import, like this module

log = logging.getLogger("translate")


class TranslateGroup(click.Group):
    """Turns TranslateError into a one-line message and its exit code, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TranslateError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            ctx.exit(error.exit_code)


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * verbose
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(max(level, logging.DEBUG))
    log.propagate = False


@click.group(cls=TranslateGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="translate")
@click.option("-v", "--verbose", count=True, help="More messages (-vv for debugging).")
def main(verbose: int) -> None:
    """Translate news articles with Opus-MT (MarianMT).

    Articles are cut into blocks (title, caption, body, page chrome) and sentences; page
    chrome never reaches the model; the translation keeps the article's structure.

    \b
    Start with:
      translate run article.txt --to hy,ru -o out/
      translate segment article.txt        # see how an article is cut up
      translate models list                # which checkpoints are configured and found
    """
    _setup_logging(verbose)


def _languages(value: str) -> list[str]:
    from translate.locales import language_of

    codes = [code for code in value.replace(" ", ",").split(",") if code]
    if not codes:
        raise click.BadParameter("give at least one language, e.g. --to hy,ru")
    return [language_of(code) for code in codes]


_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML file over the defaults (configs/default.toml).",
)


_engine_options = [
    click.option("--from", "source", help="Source language (default: the configuration's, en)."),
    click.option("--engine", help="marian (default), pseudo (pseudo-localisation, no model needed)."),
    click.option("--model", help="A checkpoint (hub id or directory) instead of the configured one."),
    click.option("--fallback", type=click.Choice(["pseudo"]),
                 help="If the checkpoint is not available, say so and use this engine instead."),
    click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]),
                 help="Page chrome: drop it (default), keep it verbatim, or localise it from a catalog."),
    _config_option,
]


def _engine_options_decorator(function):
    for option in reversed(_engine_options):
        function = option(function)
    return function


def _pipeline(source, engine, model, fallback, chrome, config_path):
    from translate.config import load_config
    from translate.locales import language_of
    from translate.pipeline import Pipeline

    config = load_config(config_path)
    pipeline = Pipeline(config, engine=engine, model=model, fallback=fallback, chrome=chrome)
    return pipeline, (language_of(source) if source else config.source)


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "targets", required=True, help="Target languages, comma-separated: hy,ru.")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (default: next to each article).")
@_engine_options_decorator
def run(articles, targets, out_dir, source, engine, model, fallback, chrome, config_path) -> None:
    """Translate ARTICLES (.txt, .md, .html, .jsonl) into each --to language.

    Writes ARTICLE.LANG.EXT per article and language (e.g. lavrov.hy.txt), paragraphs
    where the source had them, and beside it ARTICLE.LANG.EXT.report.json: the signature
    (engine, checkpoint, settings, version) and QA findings. For folders, resumable runs
    and a manifest, use `translate batch`.
    """
    from translate.batch import Batch, BatchOptions, Source

    pipeline, source = _pipeline(source, engine, model, fallback, chrome, config_path)
    languages = _languages(targets)
    for target in languages:
        pipeline.check_route(source, target)
    for path in articles:
        if not path.is_file():
            from translate.errors import InputError

            raise InputError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    by_folder: dict[Path, list] = {}
    for path in articles:
        by_folder.setdefault(out_dir or path.parent, []).append(Source(path, Path(path.name)))
    outcomes = []
    for folder, sources in by_folder.items():
        options = BatchOptions(languages, source, folder, force=True, write_manifest=False)
        outcomes += Batch(pipeline, options, on_outcome=_echo_outcome).run(sources)
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    if failed:
        from translate.errors import BatchIncomplete

        raise BatchIncomplete(f"{len(failed)} of {len(outcomes)} translations failed")


def _echo_outcome(outcome) -> None:
    if outcome.status == "failed":
        click.echo(f"failed: {outcome.input} → {outcome.target}: {outcome.error}", err=True)
        return
    engines = (outcome.signature or {}).get("engines", {})
    pseudo = any("pseudo" in str(value) for value in engines.values())
    label = " (pseudo-localisation, not a translation)" if pseudo else ""
    click.echo(f"{outcome.output}{label}")


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--from", "source", help="Source language (default: the configuration's, en).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]))
@click.option("--site", help="The article's site for the chrome catalog, e.g. azatutyun.am.")
@click.option("--keep-duplicates/--drop-duplicates", default=None,
              help="Write a block printed twice in a row twice (default: the configuration's).")
@_config_option
def segment(article, source, fmt, chrome, site, keep_duplicates, config_path) -> None:
    """Show how ARTICLE is cut up: blocks with their kinds, languages, reasons and sentences."""
    from translate.config import load_config
    from translate.localisation.settings import configured_ui_catalogs
    from translate.locales import language_of
    from translate.readers import read_document
    from translate.segmentation import segment_document
    from translate.segmentation.display import render_json, render_text

    config = load_config(config_path)
    settings = config.raw.get("segmentation", {})
    document = read_document(article, language=language_of(source) if source else config.source)
    segment_document(
        document,
        chrome=chrome or config.chrome,
        keep_duplicates=settings.get("keep_duplicates", False) if keep_duplicates is None else keep_duplicates,
        catalogs=configured_ui_catalogs(config),
        site=site or settings.get("site") or None,
    )
    click.echo(render_json(document) if fmt == "json" else render_text(document))


@main.group()
def models() -> None:
    """Checkpoints: which are configured and where they are found; a tiny one for trying."""


@models.command("list")
@_config_option
def models_list(config_path) -> None:
    """List configured language pairs, their checkpoints, and whether each is on this machine."""
    from translate.checkpoints import cached_checkpoint
    from translate.config import load_config

    config = load_config(config_path)
    for (source, target), entry in sorted(config.models.items()):
        local = cached_checkpoint(entry.checkpoint)
        where = str(local) if local else "not on this machine"
        token = f" {entry.target_token}" if entry.target_token else ""
        click.echo(f"{source}-{target}  {entry.checkpoint}{token}  {where}")


@models.command("download")
@click.argument("checkpoints", nargs=-1)
@_config_option
def models_download(checkpoints, config_path) -> None:
    """Download CHECKPOINTS (hub ids; default: every configured one) into the Hugging Face cache.

    Needs network. Copy the cache (~/.cache/huggingface/hub, or $HF_HOME) to an offline
    machine, or pass a downloaded directory with --model.
    """
    from translate.checkpoints import download_checkpoint
    from translate.config import load_config

    if not checkpoints:
        checkpoints = sorted({entry.checkpoint for entry in load_config(config_path).models.values()})
    for checkpoint in checkpoints:
        click.echo(f"{checkpoint}: {download_checkpoint(checkpoint)}")


@models.command("build-tiny")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--from", "source", default="en", show_default=True)
@click.option("--to", "target", default="hy", show_default=True)
@click.option("--target-token", "target_tokens", multiple=True,
              help="Make it multilingual-target, e.g. --target-token '>>hye<<'.")
def models_build_tiny(directory, source, target, target_tokens) -> None:
    """Build a tiny random Marian checkpoint in DIRECTORY, offline.

    Its output is meaningless, but loading, batching and writing are real: use it to try
    `translate run --model DIRECTORY` where no Opus-MT checkpoint can be downloaded.
    """
    from translate.tiny_checkpoint import build_tiny_marian

    build_tiny_marian(directory, source=source, target=target, target_tokens=target_tokens)
    click.echo(f"tiny Marian checkpoint ({source}→{target}) written to {directory}")


main.add_command(ui)
