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


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "targets", required=True, help="Target languages, comma-separated: hy,ru.")
@click.option("--from", "source", help="Source language (default: the configuration's, en).")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (default: next to each article).")
@click.option("--engine", help="marian (default), pseudo (pseudo-localisation, no model needed).")
@click.option("--model", help="A checkpoint (hub id or directory) instead of the configured one.")
@click.option("--fallback", type=click.Choice(["pseudo"]),
              help="If the checkpoint is not available, say so and use this engine instead.")
@click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]),
              help="Page chrome: drop it (default), keep it verbatim, or localise it from a catalog.")
@_config_option
def run(articles, targets, source, out_dir, engine, model, fallback, chrome, config_path) -> None:
    """Translate ARTICLES into each --to language.

    Writes ARTICLE.LANG.txt per article and language (e.g. lavrov.hy.txt), paragraphs
    where the source had them, and beside it ARTICLE.LANG.txt.report.json with the
    signature (engine, checkpoint, settings, version).
    """
    from translate.config import load_config
    from translate.locales import language_of
    from translate.pipeline import Pipeline, count_segments, output_path, write_output

    config = load_config(config_path)
    source = language_of(source) if source else config.source
    pipeline = Pipeline(config, engine=engine, model=model, fallback=fallback, chrome=chrome)
    documents = [pipeline.prepare(path, source) for path in articles]
    for target in _languages(targets):
        total = count_segments(documents)
        with _progress(total, f"{source}→{target}") as advance:
            results = pipeline.translate_documents(documents, target, progress=advance)
        for path, (document, signature) in zip(articles, results):
            written = write_output(document, signature, output_path(path, target, out_dir))
            engines = signature["engines"]
            label = " (pseudo-localisation, not a translation)" if any(
                "pseudo" in str(value) for value in engines.values()) else ""
            click.echo(f"{written}{label}")


class _progress:
    """A progress bar on a terminal, log lines otherwise."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.done = total, label, 0
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr) if sys.stderr.isatty() else None

    def __enter__(self):
        if self.bar:
            self.bar.__enter__()
        return self.advance

    def advance(self, count: int) -> None:
        self.done += count
        if self.bar:
            self.bar.update(count)
        else:
            log.info("%s: %d/%d segments", self.label, self.done, self.total)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.__exit__(*exc)


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--from", "source", help="Source language (default: the configuration's, en).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--chrome", type=click.Choice(["drop", "keep", "localise"]))
@_config_option
def segment(article, source, fmt, chrome, config_path) -> None:
    """Show how ARTICLE is cut up: blocks, their kinds and languages, and sentences."""
    import json

    from translate.config import load_config
    from translate.locales import language_of
    from translate.readers import read_document
    from translate.segmentation import segment_document

    config = load_config(config_path)
    document = read_document(article, language=language_of(source) if source else config.source)
    segment_document(document, chrome=chrome or config.chrome)
    if fmt == "json":
        blocks = [
            {
                "kind": block.kind.value,
                "disposition": block.disposition.value,
                "language": block.language or document.language,
                "start": block.start,
                "end": block.end,
                "reason": block.reason,
                "text": block.text,
                "segments": [{"start": s.start, "end": s.end, "text": s.text} for s in block.segments],
            }
            for block in document.blocks
        ]
        click.echo(json.dumps({"source": document.name, "blocks": blocks}, ensure_ascii=False, indent=2))
        return
    for number, block in enumerate(document.blocks, 1):
        language = block.language or document.language
        why = f" ({block.reason})" if block.reason else ""
        click.echo(f"{number:>3} {block.kind.value:<9} {block.disposition.value:<9} {language}{why}")
        if block.segments:
            for seg in block.segments:
                click.echo(f"      [{seg.start}:{seg.end}] {seg.text}")
        else:
            click.echo(f"      {block.text}")


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


from translate.glossary.cli import glossary as glossary_commands  # noqa: E402  (click only; commands import lazily)

main.add_command(glossary_commands)
